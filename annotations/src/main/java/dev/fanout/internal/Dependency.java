package dev.fanout.internal;

import dev.fanout.Task;

/**
 * An edge of a site's task graph, as generated code passes it to
 * {@link FanOutCall#submit(int, String, java.util.concurrent.Callable, Dependency...)}: the slot
 * being submitted runs after {@code task}, and either only if it succeeded ({@link #on}) or
 * however it ended ({@link #onOutcome}, for a parameter of type {@code Outcome<T>}).
 */
public final class Dependency {
  final Slot<?> task;
  final boolean anyOutcome;

  private Dependency(Task<?> task, boolean anyOutcome) {
    if (!(task instanceof Slot<?> slot)) {
      throw new IllegalArgumentException("not a task of a fan-out call: " + task);
    }
    this.task = slot;
    this.anyOutcome = anyOutcome;
  }

  /** Runs after {@code task} has succeeded; if it fails or is cancelled, never runs. */
  public static Dependency on(Task<?> task) {
    return new Dependency(task, false);
  }

  /** Runs after {@code task} has ended, however it ended. */
  public static Dependency onOutcome(Task<?> task) {
    return new Dependency(task, true);
  }

  @Override
  public String toString() {
    return (anyOutcome ? "onOutcome(" : "on(") + task.name() + ")";
  }
}
