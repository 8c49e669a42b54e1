package dev.fanout.processor.validation;

import static javax.lang.model.element.Modifier.ABSTRACT;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.SEALED;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeVariableName;
import dev.fanout.processor.Diagnostics;
import dev.fanout.processor.model.Constructor;
import dev.fanout.processor.model.Owner;
import dev.fanout.processor.model.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates one owner (AutoFactory's {@code createIfValid}): returns its model, or reports every
 * error it has and returns nothing.
 */
public final class OwnerValidator {
  private final Elements elements;
  private final TypeFacts facts;
  private final Report report;
  private final Predicate<TypeElement> isForeignType;

  /**
   * A validator reporting to {@code report}; {@code isForeignType} tells whether an existing
   * type of the coordinator's name was written by someone else (and so clashes).
   */
  public OwnerValidator(
      Elements elements, Types types, Report report, Predicate<TypeElement> isForeignType) {
    this.elements = elements;
    this.facts = new TypeFacts(elements, types);
    this.report = report;
    this.isForeignType = isForeignType;
  }

  /** The coordinator's name: {@code Outer.Inner} gives {@code Outer_InnerCoordinator}. */
  public static ClassName coordinatorName(TypeElement owner) {
    ClassName name = ClassName.get(owner);
    return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "Coordinator");
  }

  /** The owner's model; empty if it has errors, or no fan-out methods (only tasks). */
  public Optional<Owner> validate(TypeElement owner) {
    List<ExecutableElement> members = ElementFilter.methodsIn(elements.getAllMembers(owner));
    Tasks tasks = new TaskValidator(facts, report, owner).validate(members);
    List<ExecutableElement> siteMethods = siteMethods(owner, members);
    if (siteMethods.isEmpty()) {
      return Optional.empty();
    }
    boolean fit = checkKind(owner);
    List<Constructor> constructors = fit
        ? new ConstructorValidator(facts, report, owner).validate()
        : List.of();
    if (fit) {
      checkAbstractMembers(owner, members);
      checkCoordinatorName(owner);
    }
    SiteValidator sites =
        new SiteValidator(elements, facts, report, owner, tasks, new NameAllocator());
    List<Site> valid = new ArrayList<>();
    for (ExecutableElement method : siteMethods) {
      sites.validate(method, fit).ifPresent(valid::add);
    }
    return report.isClean() ? Optional.of(model(owner, constructors, valid)) : Optional.empty();
  }

  /**
   * The fan-out methods: the owner's own in source order, then the abstract ones it inherits,
   * sorted, since the coordinator must implement those too.
   */
  private List<ExecutableElement> siteMethods(TypeElement owner, List<ExecutableElement> members) {
    List<ExecutableElement> own = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (!SiteAnnotation.fanOutMirrors(method).isEmpty()) {
        own.add(method);
      }
    }
    List<ExecutableElement> inherited = new ArrayList<>();
    for (ExecutableElement method : members) {
      if (!method.getEnclosingElement().equals(owner) && method.getModifiers().contains(ABSTRACT)
          && !SiteAnnotation.fanOutMirrors(method).isEmpty()) {
        inherited.add(method);
      }
    }
    inherited.sort(Comparator.comparing((ExecutableElement m) ->
        ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString())
        .thenComparing(Object::toString));
    own.addAll(inherited);
    return own;
  }

  /** An abstract class or interface, top level or static nested, not private: else one error. */
  private boolean checkKind(TypeElement owner) {
    String name = owner.getSimpleName().toString();
    Optional<String> problem = Optional.empty();
    if (owner.getKind() == ElementKind.ENUM) {
      problem = Optional.of(Diagnostics.ownerWrongKind(name, "an enum"));
    } else if (owner.getKind() == ElementKind.RECORD) {
      problem = Optional.of(Diagnostics.ownerWrongKind(name, "a record"));
    } else if (owner.getKind() == ElementKind.ANNOTATION_TYPE) {
      problem = Optional.of(Diagnostics.ownerWrongKind(name, "an annotation type"));
    } else if (isPrivate(owner)) {
      problem = Optional.of(Diagnostics.ownerPrivate(name));
    } else if (isInner(owner)) {
      problem = Optional.of(Diagnostics.ownerInner(name));
    } else if (owner.getModifiers().contains(FINAL)) {
      problem = Optional.of(Diagnostics.ownerFinal(name));
    } else if (owner.getModifiers().contains(SEALED)) {
      problem = Optional.of(Diagnostics.ownerSealed(name));
    } else if (!owner.getModifiers().contains(ABSTRACT)) {
      problem = Optional.of(Diagnostics.ownerNotAbstract(name));
    }
    problem.ifPresent(message -> report.error(message, owner));
    return problem.isEmpty();
  }

  private static boolean isPrivate(TypeElement owner) {
    for (Element e = owner; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInner(TypeElement owner) {
    return owner.getNestingKind() == NestingKind.MEMBER && !owner.getKind().isInterface()
        && !owner.getModifiers().contains(STATIC);
  }

  /** Every abstract method must be a fan-out method, or the coordinator would not compile. */
  private void checkAbstractMembers(TypeElement owner, List<ExecutableElement> members) {
    for (ExecutableElement method : members) {
      if (method.getModifiers().contains(ABSTRACT)
          && SiteAnnotation.fanOutMirrors(method).isEmpty()
          && !TaskValidator.hasAnnotation(method, TaskValidator.ASYNC)
          && !implementedByObject(method)) {
        boolean own = method.getEnclosingElement().equals(owner);
        report.error(Diagnostics.abstractNotFanOut(owner.getSimpleName().toString(),
            method.getSimpleName().toString()), own ? method : owner);
      }
    }
  }

  /**
   * An interface may redeclare toString, equals or hashCode: Object implements them. A class that
   * redeclares one abstract takes Object's away, so its coordinator would have to implement it.
   */
  private boolean implementedByObject(ExecutableElement method) {
    if (!method.getEnclosingElement().getKind().isInterface()) {
      return false;
    }
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement candidate : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (candidate.getSimpleName().equals(method.getSimpleName())
          && candidate.getModifiers().contains(PUBLIC)
          && facts.types().isSubsignature(
              (ExecutableType) method.asType(), (ExecutableType) candidate.asType())) {
        return true;
      }
    }
    return false;
  }

  private void checkCoordinatorName(TypeElement owner) {
    ClassName coordinator = coordinatorName(owner);
    // javac answers this by resolving the name in every module it knows, 70 and more: the
    // "class-path search" of a profile. Its Filer looks the same name up when the coordinator is
    // created, and finds this answer in its cache, so the search is paid once either way (a
    // lookup in the owner's module alone only moved the cost into Filer.createSourceFile).
    TypeElement existing = elements.getTypeElement(coordinator.canonicalName());
    if (existing != null && isForeignType.test(existing)) {
      report.error(Diagnostics.coordinatorExists(owner.getSimpleName().toString(),
          coordinator.simpleName()), owner);
    }
  }

  private Owner model(TypeElement owner, List<Constructor> constructors, List<Site> sites) {
    return new Owner(owner, ClassName.get(owner),
        owner.getTypeParameters().stream().map(TypeVariableName::get).toList(),
        owner.getKind().isInterface(), coordinatorName(owner), constructors, sites,
        GeneratedAnnotation.isVisibleFrom(owner, elements),
        facts.deprecationWarnings(Deprecations.withEnclosingTypes(owner)));
  }
}
