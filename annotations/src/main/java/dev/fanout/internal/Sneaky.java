package dev.fanout.internal;

/** Rethrows a checked exception that the fan-out method declares, without wrapping it. */
final class Sneaky {
  private Sneaky() {}

  /**
   * Throws {@code t} as it is. Callers pass only unchecked exceptions or checked ones that the
   * generated fan-out method declares, so no caller is surprised by an undeclared exception.
   */
  static RuntimeException rethrow(Throwable t) {
    throw Sneaky.<RuntimeException>cast(t);
  }

  // The unchecked cast is the point: the compiler erases X, so t is thrown unchanged.
  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X cast(Throwable t) throws X {
    throw (X) t;
  }
}
