package dev.fanout.processor.validation;

import dev.fanout.processor.model.Slots;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Questions about types that validation asks again and again, answered over javac's utilities. */
final class TypeFacts {
  static final String LIST = "java.util.List";
  static final String ITERABLE = "java.lang.Iterable";
  static final String COLLECTION = "java.util.Collection";
  static final String STREAM = "java.util.stream.Stream";
  static final String DURATION = "java.time.Duration";
  static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  static final String OUTCOME = "dev.fanout.Outcome";
  static final String TASK = "dev.fanout.Task";
  static final String WAIT_RESULT = "dev.fanout.WaitResult";

  private final Elements elements;
  private final Types types;

  TypeFacts(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  Types types() {
    return types;
  }

  /**
   * The lint categories a generated member that uses (calls, overrides or names) each of
   * {@code used} would warn in, sorted: see {@link Deprecations}.
   */
  List<String> deprecationWarnings(List<? extends Element> used) {
    return Deprecations.of(elements, used);
  }

  /** Whether {@code type} is the class {@code name}, with any type arguments. */
  boolean is(TypeMirror type, String name) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(name);
  }

  /** The one type argument of a declared type, if it has exactly one. */
  Optional<TypeMirror> argument(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return arguments.size() == 1 ? Optional.of(arguments.get(0)) : Optional.empty();
  }

  /** The type a value of {@code type} can be read as: a wildcard's bound, else the type itself. */
  TypeMirror readable(TypeMirror type) {
    if (type.getKind() != TypeKind.WILDCARD) {
      return type;
    }
    WildcardType wildcard = (WildcardType) type;
    if (wildcard.getExtendsBound() != null) {
      return wildcard.getExtendsBound();
    }
    // "? super X" accepts an X, which is what the engine will put there.
    return wildcard.getSuperBound() != null ? wildcard.getSuperBound() : object();
  }

  /** The boxed type of a primitive, {@code Void} for void, else {@code type} itself. */
  TypeMirror boxed(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return types.boxedClass((PrimitiveType) type).asType();
    }
    return type.getKind() == TypeKind.VOID ? declared("java.lang.Void") : type;
  }

  /**
   * The element type of an array or an {@code Iterable}, if {@code type} is either: what reading
   * an element gives, so {@code Iterable<? super Long>} has {@code Object} elements.
   */
  Optional<TypeMirror> elementType(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return Optional.of(((ArrayType) type).getComponentType());
    }
    return supertype(type, ITERABLE).map(iterable -> argument(iterable).map(this::upperBound)
        .orElse(object()));
  }

  /** How an array or a collection tells its size before it is iterated. */
  Slots.Count countOf(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return Slots.Count.LENGTH;
    }
    return supertype(type, COLLECTION).isPresent() ? Slots.Count.SIZE : Slots.Count.UNKNOWN;
  }

  /** A wildcard's upper bound ({@code Object} for {@code ?} and {@code ? super X}), else itself. */
  private TypeMirror upperBound(TypeMirror type) {
    if (type.getKind() != TypeKind.WILDCARD) {
      return type;
    }
    TypeMirror bound = ((WildcardType) type).getExtendsBound();
    return bound != null ? bound : object();
  }

  /**
   * The first type named in {@code type} that code outside {@code owner}, in its package, cannot
   * see (as the coordinator is): a private member type, or one of another package that is
   * neither public nor protected.
   */
  Optional<TypeElement> hiddenFrom(TypeElement owner, TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY:
        return hiddenFrom(owner, ((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return Stream.of(wildcard.getExtendsBound(), wildcard.getSuperBound())
            .filter(Objects::nonNull)
            .map(bound -> hiddenFrom(owner, bound))
            .flatMap(Optional::stream)
            .findFirst();
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        if (!isVisible(element, elements.getPackageOf(owner))) {
          return Optional.of(element);
        }
        return declared.getTypeArguments().stream()
            .map(argument -> hiddenFrom(owner, argument))
            .flatMap(Optional::stream)
            .findFirst();
      default:
        return Optional.empty();
    }
  }

  private boolean isVisible(TypeElement type, PackageElement from) {
    boolean samePackage = elements.getPackageOf(type).equals(from);
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE) || !samePackage
          && !modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.PROTECTED)) {
        return false;
      }
    }
    return true;
  }

  /** The supertype of {@code type} (or itself) that is the class {@code name}, if any. */
  Optional<TypeMirror> supertype(TypeMirror type, String name) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    if (is(type, name)) {
      return Optional.of(type);
    }
    for (TypeMirror parent : types.directSupertypes(type)) {
      Optional<TypeMirror> found = supertype(parent, name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** {@code name<arguments>}, e.g. {@code List<User>}. */
  DeclaredType declared(String name, TypeMirror... arguments) {
    return types.getDeclaredType(elements.getTypeElement(name), arguments);
  }

  TypeMirror object() {
    return declared("java.lang.Object");
  }

  boolean isAssignable(TypeMirror from, TypeMirror to) {
    return types.isAssignable(from, to);
  }

  boolean isOutcome(TypeMirror type) {
    return is(readable(type), OUTCOME);
  }

  /** The element a declared type names, or empty for others (primitives, arrays, ...). */
  Optional<TypeElement> typeElement(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    Element element = ((DeclaredType) type).asElement();
    return Optional.of((TypeElement) element);
  }
}
