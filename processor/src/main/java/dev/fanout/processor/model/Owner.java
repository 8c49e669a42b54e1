package dev.fanout.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A valid owner and everything its coordinator needs: names, constructors and fan-out sites.
 *
 * @param element the owner's declaration, the one originating element of the coordinator's file
 * @param ownerClass the owner's raw class name
 * @param typeVariables the owner's type variables, which the coordinator declares too
 * @param isInterface whether the coordinator implements (true) or extends (false) the owner
 * @param coordinatorClass the name of the generated class
 * @param constructors the coordinator's constructors, each one a pair (default executor, given one)
 * @param sites the fan-out methods to implement, in a deterministic order
 * @param markGenerated whether the coordinator carries {@code @Generated}: only where the owner's
 *     module can see it (a named module that does not read {@code java.compiler} cannot)
 * @param suppressedWarnings the lint categories the coordinator class suppresses: a deprecated
 *     owner (or a type it is nested in) warns wherever the coordinator names it
 */
public record Owner(
    TypeElement element,
    ClassName ownerClass,
    List<TypeVariableName> typeVariables,
    boolean isInterface,
    ClassName coordinatorClass,
    List<Constructor> constructors,
    List<Site> sites,
    boolean markGenerated,
    List<String> suppressedWarnings) {

  public Owner {
    typeVariables = List.copyOf(typeVariables);
    constructors = List.copyOf(constructors);
    sites = List.copyOf(sites);
    suppressedWarnings = List.copyOf(suppressedWarnings);
  }
}
