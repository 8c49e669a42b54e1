package dev.fanout;

import dev.fanout.internal.Hooks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * fanout's static entry point: register {@link ContextPropagator}s and {@link FanOutListener}s,
 * ask which call the current task belongs to, and see the calls running now.
 *
 * <pre>{@code
 * // carry the logging MDC into every task
 * FanOut.Registration mdc = FanOut.register(new MdcPropagator());
 *
 * // inside a task: pass the call's remaining time on to a client
 * FanOut.current().flatMap(FanOut.Call::remaining)
 *     .ifPresent(left -> request.timeout(left));
 *
 * // what is running right now, as an indented tree
 * System.out.println(FanOut.inFlight());
 * }</pre>
 */
public final class FanOut {
  private FanOut() {}

  /**
   * Registers a propagator; it captures and restores after those registered before it.
   *
   * @param propagator the propagator
   * @return what unregisters it
   */
  public static Registration register(ContextPropagator propagator) {
    return Hooks.register(propagator);
  }

  /**
   * Registers a listener.
   *
   * @param listener the listener
   * @return what unregisters it
   */
  public static Registration register(FanOutListener listener) {
    return Hooks.register(listener);
  }

  /**
   * The call whose task this thread is running: present while a task body or a stage-task
   * invocation runs, empty elsewhere.
   *
   * @return the current task's call
   */
  public static Optional<Call> current() {
    return Optional.ofNullable(Hooks.currentCall());
  }

  /**
   * The calls running now, from {@code callStarted} to {@code callEnded}, with their tasks and
   * child calls. Off with {@code -Dfanout.inflight=false}.
   *
   * @return a snapshot; its {@code toString()} is an indented tree
   */
  public static InFlight inFlight() {
    return Hooks.inFlight();
  }

  /**
   * What {@link #register} returns: closing it unregisters.
   *
   * <pre>{@code
   * try (FanOut.Registration r = FanOut.register(listener)) {
   *   dashboard.overview(42);
   * }
   * }</pre>
   */
  public interface Registration extends AutoCloseable {
    /** Unregisters; a second close does nothing. */
    @Override
    void close();
  }

  /**
   * One fan-out call, as observers see it.
   *
   * <pre>{@code
   * FanOut.Call call = FanOut.current().orElseThrow();
   * log.info("{} of {} slots, parent {}", call.site(), call.size(), call.parent().map(FanOut.Call::site));
   * }</pre>
   */
  public interface Call {
    /**
     * The fan-out method, as {@code Owner.method} ({@code Outer.Inner.method} when nested).
     *
     * @return the site's name
     */
    String site();

    /**
     * How many slots the call has.
     *
     * @return its slot count
     */
    int size();

    /**
     * The call whose task made this one, if it was made inside a task.
     *
     * @return the parent call
     */
    Optional<Call> parent();

    /**
     * The time left before the call's effective deadline: the earlier of its own timeout and its
     * parent's; empty when it has none.
     *
     * @return the time left, zero once it has passed
     */
    Optional<Duration> remaining();

    /**
     * The site's {@code maxConcurrency}: at most this many of its tasks run at once; 0 for no
     * limit. (For observers such as span attributes; not in asyncio.)
     *
     * @return the call's limit, 0 when unbounded
     */
    default int maxConcurrency() {
      return 0;
    }
  }

  /**
   * How a call ended.
   *
   * <pre>{@code
   * public void callEnded(FanOut.Call call, FanOut.Ending ending, long nanos) {
   *   if (ending == FanOut.Ending.TIMED_OUT) metrics.timeouts(call.site()).increment();
   * }
   * }</pre>
   */
  public enum Ending {
    /** Its condition was met: every task done (a wait: what it waited for). */
    COMPLETED,
    /** A task's failure ended it (a gather, or a stream that reached a failure). */
    FAILED,
    /** Its deadline passed. */
    TIMED_OUT,
    /** Its future was cancelled or completed from outside, its stream closed, or its parent ended. */
    CANCELLED,
    /** Its caller (or stream consumer) was interrupted. */
    INTERRUPTED
  }

  /**
   * A snapshot of the calls running now, as {@link #inFlight()} returns it.
   *
   * <pre>{@code
   * Dashboard.overview  120 ms
   *   user    SUCCESS
   *   orders  RUNNING
   *     Orders.byUser  80 ms
   *       page  RUNNING
   *   recs    RUNNING
   * }</pre>
   *
   * @param calls the top-level calls running now (child calls sit under their parent's tasks)
   */
  public record InFlight(List<CallView> calls) {
    /**
     * Creates a snapshot.
     *
     * @param calls the top-level calls
     */
    public InFlight {
      calls = List.copyOf(calls);
    }

    @Override
    public String toString() {
      StringBuilder tree = new StringBuilder();
      calls.forEach(call -> call.appendTo(tree, ""));
      return tree.toString();
    }

    /**
     * One running call.
     *
     * @param site the call's site
     * @param elapsed the time since it started
     * @param tasks its tasks, in slot order
     */
    public record CallView(String site, Duration elapsed, List<TaskView> tasks) {
      /**
       * Creates a call's view.
       *
       * @param site the call's site
       * @param elapsed the time since it started
       * @param tasks its tasks, in slot order
       */
      public CallView {
        tasks = List.copyOf(tasks);
      }

      void appendTo(StringBuilder tree, String indent) {
        tree.append(indent).append(site).append("  ").append(elapsed.toMillis()).append(" ms\n");
        int width = tasks.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        for (TaskView task : tasks) {
          tree.append(indent).append("  ").append(task.name())
              .append(" ".repeat(width - task.name().length())).append("  ").append(task.state());
          task.elapsed().ifPresent(e -> tree.append("  ").append(e.toMillis()).append(" ms"));
          tree.append('\n');
          task.children().forEach(child -> child.appendTo(tree, indent + "    "));
        }
      }
    }

    /**
     * One task of a running call.
     *
     * @param name the task's name
     * @param index its slot
     * @param state its state now
     * @param elapsed the time since it started, where a listener or recording timed it
     * @param children the calls made inside it that are running now
     */
    public record TaskView(
        String name, int index, Task.State state, Optional<Duration> elapsed,
        List<CallView> children) {
      /**
       * Creates a task's view.
       *
       * @param name the task's name
       * @param index its slot
       * @param state its state now
       * @param elapsed the time since it started, if timed
       * @param children the calls made inside it that are running now
       */
      public TaskView {
        children = List.copyOf(children);
      }
    }
  }
}
