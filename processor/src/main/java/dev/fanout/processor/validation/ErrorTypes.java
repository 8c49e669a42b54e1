package dev.fanout.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * Finds types in an owner's signatures that do not exist yet: another processor may generate
 * them in a later round, so the owner waits for that round.
 */
public final class ErrorTypes {
  private ErrorTypes() {}

  /** The first missing type in the owner's supertypes or in its members' signatures. */
  public static Optional<TypeMirror> firstIn(TypeElement owner) {
    List<TypeMirror> types = new ArrayList<>();
    types.add(owner.getSuperclass());
    types.addAll(owner.getInterfaces());
    for (Element member : owner.getEnclosedElements()) {
      if (member instanceof ExecutableElement executable) {
        types.add(executable.getReturnType());
        types.addAll(executable.getThrownTypes());
        executable.getParameters().stream().map(VariableElement::asType).forEach(types::add);
      }
    }
    for (TypeElement nested : ElementFilter.typesIn(owner.getEnclosedElements())) {
      // Records only: ECJ 3.33 to 3.41 throws a NullPointerException for any other type.
      if (nested.getKind() == ElementKind.RECORD) {
        nested.getRecordComponents().forEach(c -> types.add(c.asType()));
      }
    }
    return types.stream().map(ErrorTypes::firstError).flatMap(Optional::stream).findFirst();
  }

  private static Optional<TypeMirror> firstError(TypeMirror type) {
    if (type == null) {
      return Optional.empty();
    }
    if (type.getKind() == TypeKind.ERROR) {
      return Optional.of(type);
    }
    List<TypeMirror> parts = new ArrayList<>();
    if (type instanceof DeclaredType declared) {
      parts.addAll(declared.getTypeArguments());
    } else if (type instanceof ArrayType array) {
      parts.add(array.getComponentType());
    } else if (type instanceof WildcardType wildcard) {
      parts.add(wildcard.getExtendsBound());
      parts.add(wildcard.getSuperBound());
    }
    return parts.stream().map(ErrorTypes::firstError).flatMap(Optional::stream).findFirst();
  }
}
