package dev.fanout.opentelemetry;

import dev.fanout.ContextPropagator;
import dev.fanout.FanOut;
import io.opentelemetry.context.Context;

/**
 * Carries the OpenTelemetry {@link Context} (the current span, baggage) into every fanout task: a
 * span started inside a task is a child of the span the caller had current.
 *
 * <p>{@link #capture()} takes {@link Context#current()} on the caller's thread;
 * {@link #restore(Object)} makes it current on the task's thread, and its scope puts back what was
 * there. It is found by {@link java.util.ServiceLoader} as soon as this jar is on the class path
 * or module path: nothing to register. It also closes, on the task's thread and before its own
 * scope, the task span that a registered {@link SpanListener} made current.
 *
 * <pre>{@code
 * Span request = tracer.spanBuilder("GET /overview").startSpan();
 * try (Scope scope = request.makeCurrent()) {
 *   dashboard.overview(42);   // spans made in its tasks are children of "GET /overview"
 * } finally {
 *   request.end();
 * }
 * }</pre>
 */
public final class OpenTelemetryPropagator implements ContextPropagator {
  /** Creates the propagator; {@link java.util.ServiceLoader} does so for you. */
  public OpenTelemetryPropagator() {}

  /**
   * The caller's current context.
   *
   * @return {@link Context#current()}
   */
  @Override
  public Object capture() {
    return Context.current();
  }

  /**
   * Makes the captured context current on this thread until the returned scope closes.
   *
   * @param captured what {@link #capture()} returned
   * @return what puts back this thread's own context
   */
  @Override
  public Scope restore(Object captured) {
    io.opentelemetry.context.Scope restored = ((Context) captured).makeCurrent();
    TaskScopes.Frame frame = TaskScopes.open(FanOut.current().orElse(null));
    return () -> {
      try {
        TaskScopes.close(frame);
      } finally {
        restored.close();
      }
    };
  }

  @Override
  public String toString() {
    return "OpenTelemetryPropagator";
  }
}
