package dev.fanout;

/**
 * Carries the caller's thread-bound context (a trace, the logging MDC, a security principal, a
 * tenant) into every task of a fan-out call, whichever thread runs the task.
 *
 * <p>{@link #capture()} runs once per call, on the caller's thread, when the call starts.
 * {@link #restore(Object)} runs around every task body and every invocation of a task that returns
 * a {@code CompletionStage}, on the thread that runs it, and returns a {@link Scope} whose
 * {@link Scope#close()} puts back what was there. Several propagators capture and restore in
 * registration order and close in reverse.
 *
 * <p>A {@code capture()} that throws fails the call before any task starts, with that exception.
 * A {@code restore()} that throws fails that task with it (its body does not run), and so does a
 * {@code Scope.close()} that throws. No context is ever left on a pooled thread.
 *
 * <p>Register a propagator with {@link FanOut#register(ContextPropagator)}, or let
 * {@link java.util.ServiceLoader} find it through
 * {@code META-INF/services/dev.fanout.ContextPropagator} (or {@code provides} in a module).
 *
 * <pre>{@code
 * final class TenantPropagator implements ContextPropagator {
 *   public Object capture() {
 *     return Tenant.current();                       // on the caller's thread
 *   }
 *   public Scope restore(Object captured) {
 *     Tenant before = Tenant.current();
 *     Tenant.set((Tenant) captured);                // on the task's thread
 *     return () -> Tenant.set(before);
 *   }
 * }
 *
 * FanOut.Registration registration = FanOut.register(new TenantPropagator());
 * }</pre>
 */
public interface ContextPropagator {
  /**
   * Captures the context of the calling thread; runs once per call, on the caller's thread.
   *
   * @return what {@link #restore(Object)} is given for each task; may be {@code null}
   */
  Object capture();

  /**
   * Makes {@code captured} the current context of this thread, for one task.
   *
   * @param captured what {@link #capture()} returned for the call
   * @return what puts back the context this thread had before
   */
  Scope restore(Object captured);

  /**
   * Puts back the context a {@link #restore(Object)} replaced.
   *
   * <pre>{@code
   * Scope scope = propagator.restore(captured);
   * try {
   *   runTheTask();
   * } finally {
   *   scope.close();
   * }
   * }</pre>
   */
  interface Scope extends AutoCloseable {
    /** Puts back what was there; it throws no checked exception. */
    @Override
    void close();
  }
}
