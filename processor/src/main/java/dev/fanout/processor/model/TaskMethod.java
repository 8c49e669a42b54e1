package dev.fanout.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Optional;

/**
 * A valid {@code @Async} method, as a slot invokes it.
 *
 * @param name the method's name, which is also the task's name
 * @param resultType the slot's result type T: the return type boxed, a stage's value, or Void
 * @param invocation how a slot wraps the call
 * @param staticOwner the class to qualify a static method with; empty for instance methods
 */
public record TaskMethod(
    String name, TypeName resultType, Invocation invocation, Optional<ClassName> staticOwner) {

  /**
   * How a slot submits the task to the engine. A collection site creates its body once, with the
   * element as its parameter ({@code x -> t(x)}), and submits it with each element:
   * {@code call.submit("t", t, x)}.
   */
  public enum Invocation {
    /** {@code call.submit("t", () -> t(args))}. */
    VALUE,
    /** {@code call.submit("t", () -> { t(args); return null; })}. */
    VOID,
    /** {@code call.submitStage("t", () -> t(args))}: already asynchronous. */
    STAGE
  }
}
