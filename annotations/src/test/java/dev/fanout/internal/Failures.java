package dev.fanout.internal;

import java.util.Arrays;
import java.util.List;

/** What a thrown exception carries besides the caller marker: the other task failures. */
final class Failures {
  private Failures() {}

  /** The suppressed exceptions of {@code thrown}, without fanout's caller marker. */
  static List<Throwable> attachedTo(Throwable thrown) {
    return Arrays.stream(thrown.getSuppressed()).filter(t -> !(t instanceof Rethrown)).toList();
  }
}
