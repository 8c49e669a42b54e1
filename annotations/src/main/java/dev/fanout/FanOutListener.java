package dev.fanout;

/**
 * Observes fan-out calls: when a call starts, each task starts and finishes, and the call ends.
 * Every method does nothing by default.
 *
 * <p>Listeners are called synchronously, on the thread where the event happens. {@code callStarted}
 * comes first; {@code taskStarted} only for slots that start; {@code taskFinished} for every slot
 * once its state is final, started or not; {@code callEnded} when the call's result is decided
 * (the caller gets its result or exception, or the returned future completes), not when cancelled
 * bodies finish unwinding. A listener that throws never changes a call's result: it is reported
 * once through {@link System.Logger} and stays registered.
 *
 * <p>Register one with {@link FanOut#register(FanOutListener)}, or let
 * {@link java.util.ServiceLoader} find it through {@code META-INF/services/dev.fanout.FanOutListener}.
 *
 * <pre>{@code
 * FanOut.register(new FanOutListener() {
 *   public void taskFinished(FanOut.Call call, Task<?> task, long nanos) {
 *     if (task.state() == Task.State.FAILED) {
 *       log.warn("{} task {} failed after {} ns", call.site(), task.name(), nanos);
 *     }
 *   }
 * });
 * }</pre>
 */
public interface FanOutListener {
  /**
   * A call started, before any of its tasks.
   *
   * @param call the call
   */
  default void callStarted(FanOut.Call call) {}

  /**
   * A task's body started (or a stage task was invoked).
   *
   * @param call the call the task belongs to
   * @param task the task
   */
  default void taskStarted(FanOut.Call call, Task<?> task) {}

  /**
   * A task ended; {@code task.state()} is final here.
   *
   * @param call the call the task belongs to
   * @param task the task
   * @param nanos how long it ran, from its start to its end; 0 for one that never started
   */
  default void taskFinished(FanOut.Call call, Task<?> task, long nanos) {}

  /**
   * A call's result was decided.
   *
   * @param call the call
   * @param ending how it ended
   * @param nanos how long it took, from its start to this moment
   */
  default void callEnded(FanOut.Call call, FanOut.Ending ending, long nanos) {}
}
