package dev.fanout.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/** The ordered task invocations a site launches. */
public sealed interface Slots {

  /**
   * One slot per named task, in the order named.
   *
   * @param slots the slots, in slot order
   * @param submissionOrder the slot indexes in the order to submit them: dependencies first, ties
   *     broken by slot index (slot order itself when no slot reads another)
   */
  record Named(List<Slot> slots, List<Integer> submissionOrder) implements Slots {
    public Named {
      slots = List.copyOf(slots);
      submissionOrder = List.copyOf(submissionOrder);
    }

    /** Whether a slot reads another: then the site runs a task graph. */
    public boolean isGraph() {
      return slots.stream().anyMatch(slot -> !slot.dependencies().isEmpty());
    }

    /** Whether another slot reads slot {@code index}, so that its handle is needed. */
    public boolean isDependency(int index) {
      return slots.stream().flatMap(slot -> slot.dependencies().stream())
          .anyMatch(dependency -> dependency.slot() == index);
    }
  }

  /**
   * One slot per element of a collection parameter, in iteration order.
   *
   * @param slot the task invocation, whose {@link Argument.Element} takes the element
   * @param collection the fan-out parameter iterated over
   * @param elementType the loop variable's type
   * @param elementName the preferred loop variable name (the task parameter's name)
   * @param count how the number of elements is known before iterating, if it is
   */
  record OverCollection(
      Slot slot, String collection, TypeName elementType, String elementName, Count count)
      implements Slots {}

  /** How a collection parameter tells its size up front, so the call can size itself once. */
  enum Count {
    /** An {@code Iterable} that is not a {@code Collection}: counted while iterating. */
    UNKNOWN,
    /** A {@code Collection}: {@code size()}. */
    SIZE,
    /** An array: {@code length}. */
    LENGTH
  }
}
