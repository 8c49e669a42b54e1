package dev.fanout.internal;

import dev.fanout.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

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
  /** A stage task's in-flight count is given back once, by whichever of its ends comes first. */
  final AtomicBoolean counted = new AtomicBoolean(true);

  StressProbe(int index, StressPlan.Kind kind) {
    this.index = index;
    this.kind = kind;
  }

  boolean hasStarted() {
    return started;
  }
}
