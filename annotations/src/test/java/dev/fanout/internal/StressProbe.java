package dev.fanout.internal;

import dev.fanout.Task;
import java.util.concurrent.CountDownLatch;

/** What one slot of a stress call did, as its body saw it. */
final class StressProbe {
  final int index;
  final StressPlan.Kind kind;
  /** The handle that {@code submit} returned. */
  Task<Integer> task;

  /** The body (or, for a stage task, its invocation) began. */
  volatile boolean started;
  /** The body (or the stage invocation) returned or threw. */
  final CountDownLatch ended = new CountDownLatch(1);
  /** The body saw its thread interrupted (an InterruptedException, or the flag when it ended). */
  volatile boolean sawInterrupt;
  /** The body's pooled thread was already interrupted when the body began. */
  volatile boolean startedInterrupted;
  /** The exception this slot's body or stage failed with, if it did. */
  volatile Throwable injected;
  /** The body runs, or the stage task was invoked and the test has not completed its stage. */
  volatile boolean holding;
  /** When (on the suite's one clock) the body began, and when it stopped holding; 0: not yet. */
  volatile long enteredAt;
  final java.util.concurrent.atomic.AtomicLong leftAt = new java.util.concurrent.atomic.AtomicLong();

  StressProbe(int index, StressPlan.Kind kind) {
    this.index = index;
    this.kind = kind;
  }

  boolean hasStarted() {
    return started;
  }
}
