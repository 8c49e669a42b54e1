package dev.fanout.processor.model;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * An accessible constructor of the owner, which the coordinator mirrors twice.
 *
 * @param typeVariables the constructor's own type variables
 * @param parameters its parameters, passed on to {@code super(...)}
 * @param varargs whether the last parameter is variable arity
 * @param thrownTypes the exceptions it declares
 * @param executorName the name of the leading {@code Executor} parameter, clear of the others
 * @param suppressedWarnings the lint categories both mirrors suppress: they call a deprecated
 *     constructor
 */
public record Constructor(
    List<TypeVariableName> typeVariables,
    List<Parameter> parameters,
    boolean varargs,
    List<TypeName> thrownTypes,
    String executorName,
    List<String> suppressedWarnings) {

  public Constructor {
    typeVariables = List.copyOf(typeVariables);
    parameters = List.copyOf(parameters);
    thrownTypes = List.copyOf(thrownTypes);
    suppressedWarnings = List.copyOf(suppressedWarnings);
  }
}
