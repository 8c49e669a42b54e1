package dev.fanout.internal;

import dev.fanout.ReturnWhen;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * What one random fan-out of {@link LifecycleStressTest} does, drawn from its seed alone, so that
 * a seed names a call that can be run again: the style, the site, the timeout, the executor, what
 * the caller does meanwhile, and what each slot does.
 */
final class StressPlan {
  /** How the call is collected. */
  enum Style {
    GATHER,
    SETTLE,
    WAIT,
    STREAM,
    STREAM_TASKS
  }

  /** Which timeout the call gets. */
  enum TimeoutKind {
    NONE(null),
    ZERO(Duration.ZERO),
    ONE_NANO(Duration.ofNanos(1)),
    NEGATIVE(Duration.ofMillis(-5)),
    SHORT(null), // 1 to 20 ms, drawn per call
    HUGE(Duration.ofDays(365L * 1000));

    final Duration fixed;

    TimeoutKind(Duration fixed) {
      this.fixed = fixed;
    }

    /** Whether this timeout can end a call by itself (and so lets tasks hang). */
    boolean ends() {
      return this != NONE && this != HUGE;
    }
  }

  /** Where plain tasks go. */
  enum ExecutorKind {
    POOL,
    REJECTING,
    SHUT_DOWN,
    FLAKY
  }

  /** What the caller (or someone else) does to the call while it runs. */
  enum Interference {
    NONE,
    /** Async only: the returned future is cancelled after a random delay. */
    CANCEL_FUTURE,
    /** Async only: the returned future is completed from outside after a random delay. */
    COMPLETE_FUTURE,
    /** The blocked caller (or stream consumer) is interrupted after a random delay. */
    INTERRUPT_CALLER,
    /** Streams: the consumer closes the stream after a few elements. */
    CLOSE_EARLY,
    /** Streams with a short timeout: the consumer is busy past the deadline after one element. */
    BUSY_CONSUMER
  }

  /** What one slot does. */
  enum Kind {
    VALUE(false, false),
    UNCHECKED(false, false),
    CHECKED(false, false),
    ERROR(false, false),
    /** Sleeps until interrupted. */
    HANG(false, true),
    /** A stage already complete, with the value or (half the time) a failure. */
    STAGE_DONE(true, false),
    STAGE_LATER(true, false),
    STAGE_MINIMAL(true, false),
    STAGE_FAIL_LATER(true, false),
    /** The stage body throws instead of returning a stage. */
    STAGE_THROWS(true, false),
    /** A stage that never completes (half the time a minimal one, which cannot be cancelled). */
    STAGE_NEVER(true, true),
    STAGE_NULL(true, false);

    final boolean stage;
    final boolean hangs;

    Kind(boolean stage, boolean hangs) {
      this.stage = stage;
      this.hangs = hangs;
    }
  }

  final long seed;
  final Style style;
  final boolean async;
  final ReturnWhen returnWhen;
  final int size;
  final int limit;
  final boolean cancelOnFailure;
  final boolean declares;
  final TimeoutKind timeoutKind;
  final Duration timeout;
  final boolean timeoutOnSite;
  final ExecutorKind executor;
  final Interference interference;
  final long interferenceMicros;
  final int closeAfter;
  final Kind[] kinds;
  final long[] delayMicros;
  final boolean[] failedStageDone;
  final boolean[] minimal;
  final int resultShape;

  StressPlan(long seed) {
    this.seed = seed;
    Random r = new Random(seed);
    style = Style.values()[r.nextInt(Style.values().length)];
    async = r.nextBoolean();
    returnWhen = ReturnWhen.values()[r.nextInt(ReturnWhen.values().length)];
    size = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 4 : 12);
    limit = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(4);
    cancelOnFailure = style != Style.GATHER || r.nextInt(5) != 0;
    declares = r.nextBoolean();
    timeoutKind = pickTimeout(r);
    timeout =
        timeoutKind == TimeoutKind.SHORT
            ? Duration.ofNanos(1_000_000L + r.nextInt(19_000_000))
            : timeoutKind.fixed;
    timeoutOnSite = r.nextInt(4) == 0;
    executor = pickExecutor(r);
    interference = pickInterference(r);
    interferenceMicros = r.nextInt(4) == 0 ? 0 : r.nextInt(5_000);
    closeAfter = size == 0 ? 0 : r.nextInt(size);
    resultShape = r.nextInt(3);
    kinds = new Kind[size];
    delayMicros = new long[size];
    failedStageDone = new boolean[size];
    minimal = new boolean[size];
    boolean mayHang = mayHang();
    for (int i = 0; i < size; i++) {
      kinds[i] = pickKind(r, mayHang);
      delayMicros[i] = r.nextInt(10) < 7 ? 0 : r.nextInt(2_000);
      failedStageDone[i] = r.nextBoolean();
      minimal[i] = r.nextBoolean();
    }
    if (interference == Interference.BUSY_CONSUMER && size > 1) {
      kinds[size - 1] = Kind.HANG; // something that only the deadline can end
    }
  }

  private TimeoutKind pickTimeout(Random r) {
    int p = r.nextInt(100);
    if (p < 35) {
      return TimeoutKind.NONE;
    } else if (p < 45) {
      return TimeoutKind.ZERO;
    } else if (p < 52) {
      return TimeoutKind.ONE_NANO;
    } else if (p < 59) {
      return TimeoutKind.NEGATIVE;
    } else if (p < 85) {
      return TimeoutKind.SHORT;
    }
    return TimeoutKind.HUGE;
  }

  private static ExecutorKind pickExecutor(Random r) {
    int p = r.nextInt(100);
    if (p < 80) {
      return ExecutorKind.POOL;
    } else if (p < 86) {
      return ExecutorKind.REJECTING;
    } else if (p < 90) {
      return ExecutorKind.SHUT_DOWN;
    }
    return ExecutorKind.FLAKY;
  }

  private Interference pickInterference(Random r) {
    int p = r.nextInt(100);
    boolean stream = style == Style.STREAM || style == Style.STREAM_TASKS;
    if (p < 45) {
      return Interference.NONE;
    } else if (p < 60) {
      return async ? Interference.CANCEL_FUTURE : Interference.INTERRUPT_CALLER;
    } else if (p < 67) {
      return async ? Interference.COMPLETE_FUTURE : Interference.INTERRUPT_CALLER;
    } else if (p < 80 && stream) {
      return Interference.CLOSE_EARLY;
    } else if (p < 90 && stream && timeoutKind == TimeoutKind.SHORT) {
      return Interference.BUSY_CONSUMER;
    }
    return Interference.NONE;
  }

  /**
   * Whether slots may hang (run until cancelled): only where something is sure to end the call,
   * a timeout or the interference, and never in a gather that lets its tasks run on after a
   * failure, whose tasks nobody would cancel.
   */
  private boolean mayHang() {
    if (style == Style.GATHER && !cancelOnFailure) {
      return false;
    }
    return timeoutKind.ends()
        || interference == Interference.CANCEL_FUTURE
        || interference == Interference.COMPLETE_FUTURE
        || interference == Interference.INTERRUPT_CALLER;
  }

  private static Kind pickKind(Random r, boolean mayHang) {
    int p = r.nextInt(100);
    if (p < 36) {
      return Kind.VALUE;
    } else if (p < 43) {
      return Kind.UNCHECKED;
    } else if (p < 50) {
      return Kind.CHECKED;
    } else if (p < 54) {
      return Kind.ERROR;
    } else if (p < 59) {
      return mayHang ? Kind.HANG : Kind.VALUE;
    } else if (p < 66) {
      return Kind.STAGE_DONE;
    } else if (p < 76) {
      return Kind.STAGE_LATER;
    } else if (p < 83) {
      return Kind.STAGE_MINIMAL;
    } else if (p < 89) {
      return Kind.STAGE_FAIL_LATER;
    } else if (p < 93) {
      return Kind.STAGE_THROWS;
    } else if (p < 97) {
      return mayHang ? Kind.STAGE_NEVER : Kind.STAGE_LATER;
    }
    return Kind.STAGE_NULL;
  }

  boolean isStream() {
    return style == Style.STREAM || style == Style.STREAM_TASKS;
  }

  @Override
  public String toString() {
    return "StressPlan[seed="
        + seed
        + ", "
        + style
        + (async ? " async" : " blocking")
        + (style == Style.WAIT ? " " + returnWhen : "")
        + ", size="
        + size
        + ", limit="
        + limit
        + ", cancelOnFailure="
        + cancelOnFailure
        + ", declares="
        + declares
        + ", timeout="
        + timeoutKind
        + "("
        + timeout
        + (timeoutOnSite ? ", on the site" : "")
        + "), executor="
        + executor
        + ", interference="
        + interference
        + "@"
        + interferenceMicros
        + "us, kinds="
        + Arrays.toString(kinds)
        + "]";
  }
}
