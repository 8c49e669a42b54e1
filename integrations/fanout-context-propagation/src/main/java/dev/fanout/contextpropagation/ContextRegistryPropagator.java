package dev.fanout.contextpropagation;

import dev.fanout.ContextPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Carries every {@code ThreadLocal} registered in Micrometer's {@link ContextRegistry} into every
 * fanout task: what Spring Boot, Reactor and Micrometer Tracing register there (the current
 * observation, Spring Security's context, whatever an application adds) reaches the tasks.
 *
 * <p>{@link #capture()} takes a {@link ContextSnapshot} of the caller's values;
 * {@link #restore(Object)} sets them on the task's thread, clearing there the values the caller
 * did not have, and its scope puts back what the thread had. It is found by
 * {@link java.util.ServiceLoader} as soon as this jar is on the class path or module path: nothing
 * to register.
 *
 * <pre>{@code
 * ContextRegistry.getInstance().registerThreadLocalAccessor("tenant", TENANT);
 * TENANT.set("acme");
 * dashboard.overview(42);   // every task sees TENANT = "acme"
 * }</pre>
 */
public final class ContextRegistryPropagator implements ContextPropagator {
  private final ContextSnapshotFactory snapshots;

  /** Carries what is registered in {@link ContextRegistry#getInstance()}. */
  public ContextRegistryPropagator() {
    this(ContextRegistry.getInstance());
  }

  /**
   * Carries what is registered in {@code registry}.
   *
   * @param registry the registry whose accessors to capture and restore
   */
  public ContextRegistryPropagator(ContextRegistry registry) {
    this.snapshots =
        ContextSnapshotFactory.builder().contextRegistry(registry).clearMissing(true).build();
  }

  /**
   * A snapshot of the caller's registered values.
   *
   * @return a {@link ContextSnapshot}
   */
  @Override
  public Object capture() {
    return snapshots.captureAll();
  }

  /**
   * Sets the captured values on this thread until the returned scope closes.
   *
   * @param captured what {@link #capture()} returned
   * @return what puts back this thread's own values
   */
  @Override
  public Scope restore(Object captured) {
    return ((ContextSnapshot) captured).setThreadLocals()::close;
  }

  @Override
  public String toString() {
    return "ContextRegistryPropagator";
  }
}
