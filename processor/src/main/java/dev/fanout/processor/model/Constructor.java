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
 */
public record Constructor(
    List<TypeVariableName> typeVariables,
    List<Parameter> parameters,
    boolean varargs,
    List<TypeName> thrownTypes,
    String executorName) {

  public Constructor {
    typeVariables = List.copyOf(typeVariables);
    parameters = List.copyOf(parameters);
    thrownTypes = List.copyOf(thrownTypes);
  }
}
