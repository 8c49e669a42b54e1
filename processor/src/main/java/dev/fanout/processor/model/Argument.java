package dev.fanout.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Optional;

/** What a slot passes for one task parameter. */
public sealed interface Argument {

  /**
   * The task parameter's type, to cast the argument to where the task's name is overloaded and
   * the argument's own type might make Java pick another method of that name.
   */
  Optional<TypeName> cast();

  /** The fan-out method's parameter of that name. */
  record Bound(String parameter, Optional<TypeName> cast) implements Argument {}

  /**
   * The current element of the collection that a collection site iterates over, as its body's
   * lambda parameter takes it: boxed, so a cast restores a primitive where overloads need it.
   */
  record Element(Optional<TypeName> cast) implements Argument {}

  /**
   * What another slot of the site gave: the task of slot {@code slot} is a dependency, and this
   * task runs after it.
   *
   * @param slot the dependency's slot
   * @param outcome whether the parameter takes the dependency's {@code Outcome} (it then runs
   *     however the dependency ended), not its result (it runs only if the dependency succeeded)
   * @param cast see {@link Argument#cast()}
   */
  record Dependency(int slot, boolean outcome, Optional<TypeName> cast) implements Argument {}
}
