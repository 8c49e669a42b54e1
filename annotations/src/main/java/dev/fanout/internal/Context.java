package dev.fanout.internal;

import dev.fanout.ContextPropagator;

/**
 * The context a call captured from its caller: one value per propagator registered when the call
 * started, restored around each of its tasks in registration order and closed in reverse.
 */
final class Context {
  private final ContextPropagator[] propagators;
  private final Object[] values;

  private Context(ContextPropagator[] propagators, Object[] values) {
    this.propagators = propagators;
    this.values = values;
  }

  /** Captures the caller's context; null when no propagator is registered. Throws what one throws. */
  static Context capture() {
    ContextPropagator[] propagators = Hooks.propagators();
    if (propagators.length == 0) {
      return null;
    }
    Object[] values = new Object[propagators.length];
    for (int i = 0; i < propagators.length; i++) {
      values[i] = propagators[i].capture();
    }
    return new Context(propagators, values);
  }

  /**
   * Restores the captured context on this thread. If a propagator throws, what was restored
   * before it is put back and the exception is thrown: the task fails and nothing is left behind.
   */
  ContextPropagator.Scope[] restore() {
    ContextPropagator.Scope[] scopes = new ContextPropagator.Scope[propagators.length];
    for (int i = 0; i < propagators.length; i++) {
      try {
        scopes[i] = propagators[i].restore(values[i]);
      } catch (Throwable t) {
        Throwable closing = close(scopes);
        if (closing != null && closing != t) {
          t.addSuppressed(closing);
        }
        throw t;
      }
    }
    return scopes;
  }

  /** Closes what {@link #restore()} opened, in reverse; the first failure, the others in it. */
  static Throwable close(ContextPropagator.Scope[] scopes) {
    Throwable failure = null;
    for (int i = scopes.length - 1; i >= 0; i--) {
      if (scopes[i] == null) {
        continue;
      }
      try {
        scopes[i].close();
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        } else if (failure != t) {
          failure.addSuppressed(t);
        }
      }
    }
    return failure;
  }
}
