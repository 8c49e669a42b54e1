package dev.fanout.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * One fan-out method to implement: its signature, its engine {@code Site} constant, its slots and
 * how their results come back.
 *
 * @param kind which fan-out annotation it carries
 * @param methodName the method's name
 * @param constantName the name of its {@code private static final Site} constant
 * @param siteName the name the engine reports, e.g. {@code Dashboard.overview}
 * @param access the method's access modifier, if any
 * @param returnType the declared return type
 * @param parameters the method's parameters
 * @param varargs whether the last parameter is variable arity
 * @param thrownTypes the declared exceptions, as written
 * @param declaredErasures the erasures of the declared exceptions, for {@code Site.declaring}
 * @param options the annotation's attributes
 * @param slots what the call launches
 * @param timeoutParameter the {@code Duration} parameter that is the call's timeout, if any
 * @param shape how the results come back
 * @param suppressedWarnings the lint categories the method suppresses: it overrides a deprecated
 *     method or calls a deprecated task
 */
public record Site(
    SiteKind kind,
    String methodName,
    String constantName,
    String siteName,
    Optional<Modifier> access,
    TypeName returnType,
    List<Parameter> parameters,
    boolean varargs,
    List<TypeName> thrownTypes,
    List<TypeName> declaredErasures,
    SiteOptions options,
    Slots slots,
    Optional<String> timeoutParameter,
    ResultShape shape,
    List<String> suppressedWarnings) {

  public Site {
    parameters = List.copyOf(parameters);
    thrownTypes = List.copyOf(thrownTypes);
    declaredErasures = List.copyOf(declaredErasures);
    suppressedWarnings = List.copyOf(suppressedWarnings);
  }
}
