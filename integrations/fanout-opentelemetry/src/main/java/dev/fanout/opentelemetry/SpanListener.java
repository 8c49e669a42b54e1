package dev.fanout.opentelemetry;

import dev.fanout.FanOut;
import dev.fanout.FanOutListener;
import dev.fanout.Task;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Traces fan-out calls: a span per call, named after its site ({@code Dashboard.overview}), and
 * under it a span per task ({@code Dashboard.overview/user}). Spans made inside a task are
 * children of its task span, and a call made inside a task is a child of that task's span.
 *
 * <p>Attributes: {@code fanout.site}, {@code fanout.size} and {@code fanout.limit} (the site's
 * {@code maxConcurrency}, 0 for none) on both; {@code fanout.task}, {@code fanout.index} and {@code fanout.state} ({@code SUCCESS}, {@code FAILED},
 * {@code CANCELLED}, {@code TIMED_OUT}) on a task's span; {@code fanout.ending} on a call's. A
 * failed task's span records its exception with status {@code ERROR}, and so does the call's span
 * when that failure ended the call; a task that timed out gets status {@code ERROR} and a
 * {@code fanout.timed_out} event, a cancelled one a {@code fanout.cancelled} event. A task that
 * never started gets a span of no length with {@code fanout.started = false}.
 *
 * <p>Not found by {@link java.util.ServiceLoader}: spans cost, and which {@link OpenTelemetry} to
 * trace with is the application's choice. Register it once the SDK is set up:
 *
 * <pre>{@code
 * FanOut.register(new SpanListener(openTelemetry));
 * }</pre>
 *
 * <p>The task span is made current inside the task only where {@link OpenTelemetryPropagator} is
 * registered (it is, by {@link java.util.ServiceLoader}, whenever this jar is on the path): that
 * propagator closes it on the task's thread, right after the body.
 */
public final class SpanListener implements FanOutListener {
  private static final AttributeKey<String> SITE = AttributeKey.stringKey("fanout.site");
  private static final AttributeKey<Long> SIZE = AttributeKey.longKey("fanout.size");
  private static final AttributeKey<Long> LIMIT = AttributeKey.longKey("fanout.limit");
  private static final AttributeKey<String> TASK = AttributeKey.stringKey("fanout.task");
  private static final AttributeKey<Long> INDEX = AttributeKey.longKey("fanout.index");
  private static final AttributeKey<String> STATE = AttributeKey.stringKey("fanout.state");
  private static final AttributeKey<Boolean> STARTED = AttributeKey.booleanKey("fanout.started");
  private static final AttributeKey<String> ENDING = AttributeKey.stringKey("fanout.ending");

  private final Tracer tracer;
  private final Map<FanOut.Call, CallSpan> calls = new ConcurrentHashMap<>();
  private final Map<Task<?>, Span> tasks = new ConcurrentHashMap<>();

  /**
   * A call's span, the context its task spans start in, the failure that may end it, and its
   * started tasks (where that failure is looked for when the call's end is reported before it).
   */
  private static final class CallSpan {
    final Span span;
    final Context context;
    final Queue<Task<?>> started = new ConcurrentLinkedQueue<>();
    volatile Throwable failure;

    CallSpan(Span span, Context context) {
      this.span = span;
      this.context = context;
    }
  }

  /**
   * Traces with {@code openTelemetry}'s tracer named {@code dev.fanout}.
   *
   * @param openTelemetry the application's OpenTelemetry
   */
  public SpanListener(OpenTelemetry openTelemetry) {
    this(openTelemetry.getTracer("dev.fanout"));
  }

  /**
   * Traces with {@code tracer}.
   *
   * @param tracer the tracer that makes the spans
   */
  public SpanListener(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void callStarted(FanOut.Call call) {
    Context parent = Context.current();
    Span span = tracer.spanBuilder(call.site())
        .setParent(parent)
        .setAttribute(SITE, call.site())
        .setAttribute(SIZE, (long) call.size())
        .setAttribute(LIMIT, (long) call.maxConcurrency())
        .startSpan();
    calls.put(call, new CallSpan(span, parent.with(span)));
  }

  @Override
  public void taskStarted(FanOut.Call call, Task<?> task) {
    CallSpan callSpan = calls.get(call);
    Context parent = callSpan == null ? Context.current() : callSpan.context;
    Span span = taskSpan(call, task, parent).startSpan();
    if (callSpan != null) {
      callSpan.started.add(task);
    }
    tasks.put(task, span);
    TaskScopes.makeCurrent(call, parent.with(span));
    if (task.isDone() && tasks.remove(task, span)) {
      finish(call, task, span); // it was cancelled while starting, and its end was already told
    }
  }

  @Override
  public void taskFinished(FanOut.Call call, Task<?> task, long nanos) {
    Span span = tasks.remove(task);
    if (span == null) { // it never started
      CallSpan callSpan = calls.get(call);
      span = taskSpan(call, task, callSpan == null ? Context.current() : callSpan.context)
          .setAttribute(STARTED, false)
          .startSpan();
    }
    finish(call, task, span);
  }

  @Override
  public void callEnded(FanOut.Call call, FanOut.Ending ending, long nanos) {
    CallSpan callSpan = calls.remove(call);
    if (callSpan == null) {
      return; // started before this listener was registered
    }
    Span span = callSpan.span;
    span.setAttribute(ENDING, ending.name());
    switch (ending) {
      case FAILED -> {
        Throwable failure = callSpan.failure != null ? callSpan.failure : failureOf(callSpan);
        if (failure != null) {
          span.recordException(failure);
        }
        span.setStatus(StatusCode.ERROR, failure == null ? "failed" : describe(failure));
      }
      case TIMED_OUT -> span.setStatus(StatusCode.ERROR, "timed out");
      default -> { } // completed, cancelled or interrupted: no error of this call's own
    }
    span.end();
  }

  /**
   * The failure of a started task whose end has not been reported yet: the engine may report a
   * call's end before the end of the task that failed it (its outcome is final by then).
   */
  private static Throwable failureOf(CallSpan callSpan) {
    for (Task<?> task : callSpan.started) {
      if (task.state() == Task.State.FAILED) {
        return task.exception();
      }
    }
    return null;
  }

  private SpanBuilder taskSpan(FanOut.Call call, Task<?> task, Context parent) {
    return tracer.spanBuilder(call.site() + "/" + task.name())
        .setParent(parent)
        .setAttribute(SITE, call.site())
        .setAttribute(SIZE, (long) call.size())
        .setAttribute(LIMIT, (long) call.maxConcurrency())
        .setAttribute(TASK, task.name())
        .setAttribute(INDEX, (long) task.index());
  }

  private void finish(FanOut.Call call, Task<?> task, Span span) {
    switch (task.state()) {
      case FAILED -> {
        Throwable failure = task.exception();
        span.setAttribute(STATE, "FAILED");
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, describe(failure));
        CallSpan callSpan = calls.get(call);
        if (callSpan != null && callSpan.failure == null) {
          callSpan.failure = failure; // the first one seen: the one a gather rethrows, mostly
        }
      }
      case CANCELLED -> {
        if (call.remaining().map(Duration::isZero).orElse(false)) {
          span.setAttribute(STATE, "TIMED_OUT");
          span.addEvent("fanout.timed_out");
          span.setStatus(StatusCode.ERROR, "timed out");
        } else {
          span.setAttribute(STATE, "CANCELLED");
          span.addEvent("fanout.cancelled");
        }
      }
      default -> span.setAttribute(STATE, task.state().name());
    }
    span.end();
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? failure.getClass().getName()
        : failure.getClass().getName() + ": " + message;
  }

  @Override
  public String toString() {
    return "SpanListener[" + tracer + "]";
  }
}
