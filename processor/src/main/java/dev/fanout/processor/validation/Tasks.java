package dev.fanout.processor.validation;

import dev.fanout.processor.model.TaskMethod;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * The {@code @Async} methods of an owner by name: the valid ones, and the names of invalid ones
 * (reported already), which sites may name without a second error.
 */
final class Tasks {
  /**
   * A valid task method.
   *
   * @param element its declaration
   * @param type its signature as a member of the owner (type variables substituted)
   * @param result the slot result type T
   * @param model what the writer needs
   * @param overloaded whether the owner has other methods of the task's name
   */
  record Task(
      ExecutableElement element,
      ExecutableType type,
      TypeMirror result,
      TaskMethod model,
      boolean overloaded) {}

  private final Map<String, Task> valid;
  private final Set<String> invalid;

  Tasks(Map<String, Task> valid, Set<String> invalid) {
    this.valid = Map.copyOf(valid);
    this.invalid = Set.copyOf(invalid);
  }

  Optional<Task> valid(String name) {
    return Optional.ofNullable(valid.get(name));
  }

  boolean isInvalid(String name) {
    return invalid.contains(name);
  }

  /** Every task name, valid or not, sorted. */
  Set<String> names() {
    Set<String> names = new TreeSet<>(valid.keySet());
    names.addAll(invalid);
    return names;
  }
}
