package dev.fanout.slf4j;

import dev.fanout.ContextPropagator;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries the SLF4J {@link MDC} into every fanout task: a task's log lines show the caller's
 * request id, user or tenant, whichever thread runs the task.
 *
 * <p>{@link #capture()} takes a copy of the caller's context map; {@link #restore(Object)} makes
 * that copy the task thread's map and puts back the map the thread had before when its scope
 * closes. It is found by {@link java.util.ServiceLoader} as soon as this jar is on the class path
 * or module path: nothing to register.
 *
 * <pre>{@code
 * MDC.put("request", "r-42");
 * dashboard.overview(42);   // every task logs with request=r-42
 * }</pre>
 */
public final class MdcPropagator implements ContextPropagator {
  private static final Scope NOTHING = () -> {};

  /** Creates the propagator; {@link java.util.ServiceLoader} does so for you. */
  public MdcPropagator() {}

  /**
   * A copy of the caller's MDC.
   *
   * @return the caller's context map, or {@code null} if it has none
   */
  @Override
  public Object capture() {
    Map<String, String> map = MDC.getCopyOfContextMap();
    return map == null || map.isEmpty() ? null : map;
  }

  /**
   * Makes the captured map this thread's MDC until the returned scope closes.
   *
   * @param captured what {@link #capture()} returned
   * @return what puts back this thread's own map
   */
  @Override
  @SuppressWarnings("unchecked") // capture() returned it
  public Scope restore(Object captured) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    boolean hadNone = before == null || before.isEmpty();
    if (captured == null && hadNone) {
      return NOTHING;
    }
    set((Map<String, String>) captured);
    return () -> set(hadNone ? null : before);
  }

  private static void set(Map<String, String> map) {
    if (map == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(map);
    }
  }

  @Override
  public String toString() {
    return "MdcPropagator";
  }
}
