package dev.fanout.processor.validation;

import static javax.lang.model.element.Modifier.ABSTRACT;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import dev.fanout.processor.Diagnostics;
import dev.fanout.processor.model.Parameter;
import dev.fanout.processor.model.ResultShape;
import dev.fanout.processor.model.Site;
import dev.fanout.processor.model.SiteOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Checks one fan-out method, its annotation, its slots and its result shape; returns its model
 * only if all of them are valid, having reported every error.
 */
final class SiteValidator {
  private final Elements elements;
  private final TypeFacts facts;
  private final Report report;
  private final TypeElement owner;
  private final Tasks tasks;
  /** The site constants' names, each with a tag of its own (see FanOutMethodWriter.names). */
  private final NameAllocator constants;

  SiteValidator(
      Elements elements, TypeFacts facts, Report report, TypeElement owner, Tasks tasks,
      NameAllocator constants) {
    this.elements = elements;
    this.facts = facts;
    this.report = report;
    this.owner = owner;
    this.tasks = tasks;
    this.constants = constants;
  }

  /**
   * The site of {@code method}; {@code mustBeAbstract} is false where the owner is already
   * reported as unfit (a concrete class has no abstract methods to begin with).
   */
  Optional<Site> validate(ExecutableElement method, boolean mustBeAbstract) {
    List<AnnotationMirror> mirrors = SiteAnnotation.fanOutMirrors(method);
    if (mirrors.size() > 1) {
      report.error(Diagnostics.siteTwoAnnotations(name(method), display(mirrors.get(0)),
          display(mirrors.get(1))), method, mirrors.get(1));
      return Optional.empty();
    }
    if (TaskValidator.hasAnnotation(method, TaskValidator.ASYNC)) {
      report.invalidWithoutMessage(); // the task validator has said so
      return Optional.empty();
    }
    Optional<SiteAnnotation> annotation = SiteAnnotation.read(mirrors.get(0), elements);
    if (annotation.isEmpty()) {
      report.invalidWithoutMessage(); // javac reports a malformed attribute itself
      return Optional.empty();
    }
    ExecutableType type = (ExecutableType) facts.types()
        .asMemberOf((DeclaredType) owner.asType(), method);
    return validate(new SiteMethod(method, type, annotation.get()), mustBeAbstract);
  }

  private Optional<Site> validate(SiteMethod site, boolean mustBeAbstract) {
    boolean visible = checkDeclaration(site, mustBeAbstract) && checkVisible(site);
    boolean ok = checkOptions(site) && visible;
    Optional<List<Tasks.Task>> named = namedTasks(site);
    Optional<SlotBinder.Binding> binding =
        named.flatMap(t -> new SlotBinder(facts, report, site, t, tasks).bind());
    // The shape is checked even where binding failed: its errors are independent of binding's.
    // A return type the coordinator cannot see has been reported already.
    Optional<ResultShape> shape = named.filter(t -> visible).flatMap(t -> new ShapeResolver(
        facts, report, site, t, binding.map(SlotBinder.Binding::slots)).resolve());
    if (named.isPresent()) {
      ok &= named.get().stream().allMatch(this::checkResultVisible);
    }
    if (!ok || binding.isEmpty() || shape.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(model(site, named.orElseThrow(), binding.get(), shape.get()));
  }

  /** The coordinator repeats the signature, so it must see every type in it. */
  private boolean checkVisible(SiteMethod site) {
    List<TypeMirror> types = new ArrayList<>(site.type().getParameterTypes());
    types.add(site.type().getReturnType());
    types.addAll(site.type().getThrownTypes());
    Optional<TypeElement> hidden = types.stream()
        .map(type -> facts.hiddenFrom(owner, type))
        .flatMap(Optional::stream)
        .findFirst();
    hidden.ifPresent(type -> report.error(
        Diagnostics.hiddenType(site.name(), type.getQualifiedName().toString()), site.element()));
    return hidden.isEmpty();
  }

  /**
   * The coordinator submits each task with its result type as a type argument (inferred, or
   * written in a {@code Task<T>} handle), so it must see that type.
   */
  private boolean checkResultVisible(Tasks.Task task) {
    Optional<TypeElement> hidden = facts.hiddenFrom(owner, task.result());
    hidden.ifPresent(type -> report.error(
        Diagnostics.hiddenType(task.model().name(), type.getQualifiedName().toString()),
        task.element().getEnclosingElement().equals(owner) ? task.element() : owner));
    return hidden.isEmpty();
  }

  private boolean checkDeclaration(SiteMethod site, boolean mustBeAbstract) {
    Set<Modifier> modifiers = site.element().getModifiers();
    Optional<String> problem = Optional.empty();
    if (modifiers.contains(STATIC)) {
      problem = Optional.of(Diagnostics.siteStatic(site.name(), site.display()));
    } else if (mustBeAbstract && !modifiers.contains(ABSTRACT)) {
      problem = Optional.of(Diagnostics.siteNotAbstract(site.name(), site.display()));
    } else if (!site.element().getTypeParameters().isEmpty()) {
      problem = Optional.of(Diagnostics.siteGeneric(site.name(), site.display()));
    }
    problem.ifPresent(message -> report.error(message, site.element()));
    return problem.isEmpty();
  }

  /**
   * The value, timeout, maxConcurrency and cancelOnFailure attributes, each reported on its own
   * value.
   */
  private boolean checkOptions(SiteMethod site) {
    SiteAnnotation annotation = site.annotation();
    boolean ok = true;
    if (annotation.names().isEmpty()) {
      ok = error(site, Diagnostics.emptyValue(site.display(), site.name()),
          annotation.namesValue());
    }
    int max = annotation.maxConcurrency().value();
    if (max < 0) {
      ok = error(site, Diagnostics.negativeMaxConcurrency(site.display(), site.name(), max),
          annotation.maxConcurrency().source());
    }
    // With returnExceptions no failure is thrown, so there is no failure to cancel on.
    if (annotation.returnExceptions() && annotation.isWritten("cancelOnFailure")) {
      ok = error(site, Diagnostics.cancelOnFailureWithReturnExceptions(site.name()),
          annotation.cancelOnFailure().source());
    }
    return checkTimeout(site) && ok;
  }

  private boolean checkTimeout(SiteMethod site) {
    SiteAnnotation.Attribute<String> timeout = site.annotation().timeout();
    if (timeout.value().isEmpty()) {
      return true;
    }
    try {
      Duration duration = Duration.parse(timeout.value());
      if (duration.isNegative()) {
        return error(site, Diagnostics.negativeTimeout(site.display(), site.name(),
            timeout.value()), timeout.source());
      }
      // A Duration argument of zero is legal (the time is already up); a constant one is a slip.
      if (duration.isZero()) {
        return error(site, Diagnostics.zeroTimeout(site.display(), site.name(),
            timeout.value()), timeout.source());
      }
      return true;
    } catch (DateTimeParseException e) {
      return error(site, Diagnostics.malformedTimeout(site.display(), site.name(),
          timeout.value()), timeout.source());
    }
  }

  /** The named tasks in order; empty if a name is unknown, repeated or names an invalid task. */
  private Optional<List<Tasks.Task>> namedTasks(SiteMethod site) {
    List<Tasks.Task> named = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean ok = !site.annotation().names().isEmpty();
    for (SiteAnnotation.Named name : site.annotation().names()) {
      if (!seen.add(name.name())) {
        ok = error(site, Diagnostics.taskNamedTwice(site.display(), site.name(), name.name()),
            name.value());
      } else if (tasks.valid(name.name()).isPresent()) {
        named.add(tasks.valid(name.name()).get());
      } else if (tasks.isInvalid(name.name())) {
        ok = false; // reported on the task itself
      } else {
        ok = error(site, Diagnostics.unknownTask(site.display(), site.name(),
            owner.getSimpleName().toString(), name.name(), tasks.names()), name.value());
      }
    }
    return ok ? Optional.of(named) : Optional.empty();
  }

  private Site model(
      SiteMethod site, List<Tasks.Task> named, SlotBinder.Binding binding, ResultShape shape) {
    ExecutableElement method = site.element();
    SiteAnnotation annotation = site.annotation();
    SiteOptions options = new SiteOptions(annotation.maxConcurrency().value(),
        Optional.of(annotation.timeout().value()).filter(t -> !t.isEmpty()),
        annotation.cancelOnFailure().value(), annotation.returnWhen());
    List<Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      parameters.add(new Parameter(site.parameterName(i), TypeName.get(site.parameterType(i))));
    }
    List<? extends TypeMirror> thrown = site.type().getThrownTypes();
    return new Site(annotation.kind(), site.name(),
        constants.newName(constantName(site.name()), new Object()), siteName(site.name()),
        access(method), TypeName.get(site.type().getReturnType()), parameters,
        method.isVarArgs(), thrown.stream().map(TypeName::get).toList(),
        thrown.stream().map(t -> TypeName.get(facts.types().erasure(t))).toList(),
        options, binding.slots(), binding.timeoutParameter(), shape, suppressed(method, named));
  }

  /**
   * The override uses the fan-out method and calls each task: a static one of a supertype
   * qualified by its class, and so by the types that class is nested in (the owner's own are
   * suppressed on the class).
   */
  private List<String> suppressed(ExecutableElement method, List<Tasks.Task> named) {
    List<Element> used = new ArrayList<>(List.of(method));
    for (Tasks.Task task : named) {
      used.add(task.element());
      if (task.element().getModifiers().contains(STATIC)
          && !task.element().getEnclosingElement().equals(owner)) {
        used.addAll(Deprecations.withEnclosingTypes(task.element().getEnclosingElement()));
      }
    }
    return facts.deprecationWarnings(used);
  }

  /** The name the engine reports, e.g. {@code Dashboard.overview} or {@code Outer.Inner.run}. */
  private String siteName(String method) {
    return String.join(".", ClassName.get(owner).simpleNames())
        + "." + method;
  }

  private static Optional<Modifier> access(ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return Optional.of(Modifier.PUBLIC);
    }
    return modifiers.contains(Modifier.PROTECTED)
        ? Optional.of(Modifier.PROTECTED)
        : Optional.empty();
  }

  /** {@code usersAsync} gives {@code USERS_ASYNC}, {@code loadHTTPPage} {@code LOAD_HTTP_PAGE}. */
  static String constantName(String method) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      boolean wordStart = i > 0 && Character.isUpperCase(c)
          && (!Character.isUpperCase(method.charAt(i - 1))
              || i + 1 < method.length() && Character.isLowerCase(method.charAt(i + 1)));
      if (wordStart && method.charAt(i - 1) != '_') {
        name.append('_');
      }
      name.append(Character.toUpperCase(c));
    }
    return name.toString();
  }

  private boolean error(SiteMethod site, String message, AnnotationValue value) {
    report.error(message, site.element(), site.annotation().mirror(), value);
    return false;
  }

  private static String display(AnnotationMirror mirror) {
    return SiteAnnotation.kindOf(mirror).orElseThrow().display();
  }

  private static String name(ExecutableElement method) {
    return method.getSimpleName().toString();
  }
}
