package dev.fanout.internal;

import java.util.Arrays;

/**
 * The suppressed marker a fan-out attaches to a task's exception when it hands it to its caller:
 * its stack trace is the caller's (from the generated fan-out method down), so a failure shows
 * which line made the call, not only the pool thread the task ran on.
 *
 * <p>It also marks the exception as handed over: an exception that carries one, from any call, is
 * never touched again, neither marked nor given suppressed failures. So a task that throws one
 * shared instance every time does not make it grow, and through nesting the innermost call's
 * marker is the one.
 */
final class Rethrown extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private Rethrown(String message, boolean withStack) {
    super(message, null, false, withStack);
    if (withStack) {
      StackTraceElement[] stack = getStackTrace();
      int engine = 0;
      while (engine < stack.length
          && stack[engine].getClassName().startsWith("dev.fanout.internal.")) {
        engine++;
      }
      setStackTrace(Arrays.copyOfRange(stack, engine, stack.length));
    }
  }

  /** A marker with the calling thread's stack: for a caller that receives the exception. */
  static Rethrown toCaller(String site) {
    return new Rethrown("rethrown to the caller of " + site, true);
  }

  /** A marker without a stack: for a future, which no caller frame receives. */
  static Rethrown toFuture(String site) {
    return new Rethrown("completed the future of " + site, false);
  }

  /** Whether {@code exception} was already handed over by a fan-out. */
  static boolean carries(Throwable exception) {
    for (Throwable suppressed : exception.getSuppressed()) {
      if (suppressed instanceof Rethrown) {
        return true;
      }
    }
    return false;
  }
}
