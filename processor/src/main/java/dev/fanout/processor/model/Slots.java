package dev.fanout.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/** The ordered task invocations a site launches. */
public sealed interface Slots {

  /** One slot per named task, in the order named. */
  record Named(List<Slot> slots) implements Slots {
    public Named {
      slots = List.copyOf(slots);
    }
  }

  /**
   * One slot per element of a collection parameter, in iteration order.
   *
   * @param slot the task invocation, whose {@link Argument.Element} takes the element
   * @param collection the fan-out parameter iterated over
   * @param elementType the loop variable's type
   * @param elementName the preferred loop variable name (the task parameter's name)
   */
  record OverCollection(Slot slot, String collection, TypeName elementType, String elementName)
      implements Slots {}
}
