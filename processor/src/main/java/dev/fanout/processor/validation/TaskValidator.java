package dev.fanout.processor.validation;

import static javax.lang.model.element.Modifier.ABSTRACT;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.fanout.processor.Diagnostics;
import dev.fanout.processor.model.TaskMethod;
import dev.fanout.processor.model.TaskMethod.Invocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Finds an owner's {@code @Async} methods and checks that a slot can call each of them. */
final class TaskValidator {
  static final String ASYNC = "dev.fanout.Async";

  private final TypeFacts facts;
  private final Report report;
  private final TypeElement owner;
  /** How many of the owner's methods, tasks or not (Object's too), have each name. */
  private final Map<String, Integer> names = new HashMap<>();

  TaskValidator(TypeFacts facts, Report report, TypeElement owner) {
    this.facts = facts;
    this.report = report;
    this.owner = owner;
  }

  /** The tasks among {@code members}; errors are reported only on the owner's own methods. */
  Tasks validate(List<ExecutableElement> members) {
    Map<String, List<ExecutableElement>> byName = new LinkedHashMap<>();
    for (ExecutableElement method : members) {
      names.merge(name(method), 1, Integer::sum);
      if (hasAnnotation(method, ASYNC)) {
        byName.computeIfAbsent(name(method), n -> new ArrayList<>()).add(method);
      }
    }
    Map<String, Tasks.Task> valid = new LinkedHashMap<>();
    Set<String> invalid = new HashSet<>();
    byName.forEach((name, methods) -> {
      Optional<Tasks.Task> task = methods.size() == 1 ? task(methods.get(0)) : duplicate(methods);
      task.ifPresentOrElse(t -> valid.put(name, t), () -> invalid.add(name));
    });
    return new Tasks(valid, invalid);
  }

  private Optional<Tasks.Task> duplicate(List<ExecutableElement> methods) {
    for (ExecutableElement method : methods) {
      error(Diagnostics.taskDuplicate(name(method), owner.getSimpleName().toString()), method);
    }
    return Optional.empty();
  }

  private Optional<Tasks.Task> task(ExecutableElement method) {
    boolean ok = checkDeclaration(method);
    ExecutableType type = (ExecutableType) facts.types()
        .asMemberOf((DeclaredType) owner.asType(), method);
    ok = ok && checkThrown(method, type);
    Optional<Tasks.Task> task = result(method, type);
    return ok ? task : Optional.empty();
  }

  /** A task runs as a {@code Callable}, which may throw any Exception, but no other Throwable. */
  private boolean checkThrown(ExecutableElement method, ExecutableType type) {
    TypeMirror exception = facts.declared("java.lang.Exception");
    TypeMirror error = facts.declared("java.lang.Error");
    for (TypeMirror thrown : type.getThrownTypes()) {
      if (!facts.isAssignable(thrown, exception) && !facts.isAssignable(thrown, error)) {
        error(Diagnostics.taskThrowsThrowable(name(method), thrown.toString()), method);
        return false;
      }
    }
    return true;
  }

  private boolean checkDeclaration(ExecutableElement method) {
    String name = name(method);
    Optional<String> problem = Optional.empty();
    List<AnnotationMirror> sites = SiteAnnotation.fanOutMirrors(method);
    if (!sites.isEmpty()) {
      String annotation = SiteAnnotation.kindOf(sites.get(0)).orElseThrow().display();
      problem = Optional.of(Diagnostics.taskAndSite(name, annotation));
    } else if (method.getModifiers().contains(PRIVATE)) {
      problem = Optional.of(Diagnostics.taskPrivate(name));
    } else if (method.getModifiers().contains(ABSTRACT)) {
      problem = Optional.of(Diagnostics.taskAbstract(name));
    } else if (!method.getTypeParameters().isEmpty()) {
      problem = Optional.of(Diagnostics.taskGeneric(name));
    }
    problem.ifPresent(message -> error(message, method));
    return problem.isEmpty();
  }

  /** T and the invocation: a stage's value, Void for void, else the return type boxed. */
  private Optional<Tasks.Task> result(ExecutableElement method, ExecutableType type) {
    TypeMirror returned = type.getReturnType();
    if (returned.getKind() == TypeKind.VOID) {
      return Optional.of(task(method, type, facts.boxed(returned), Invocation.VOID));
    }
    Optional<TypeMirror> stage = facts.supertype(returned, TypeFacts.COMPLETION_STAGE);
    if (stage.isEmpty()) {
      return Optional.of(task(method, type, facts.boxed(returned), Invocation.VALUE));
    }
    Optional<TypeMirror> value = facts.argument(stage.get())
        .filter(v -> v.getKind() != TypeKind.WILDCARD);
    if (value.isEmpty()) {
      error(Diagnostics.taskStageUntyped(name(method), returned.toString()), method);
      return Optional.empty();
    }
    return Optional.of(task(method, type, value.get(), Invocation.STAGE));
  }

  private Tasks.Task task(
      ExecutableElement method, ExecutableType type, TypeMirror result, Invocation invocation) {
    Optional<ClassName> staticOwner = method.getModifiers().contains(STATIC)
        ? Optional.of(ClassName.get((TypeElement) method.getEnclosingElement()))
        : Optional.empty();
    TaskMethod model = new TaskMethod(name(method), TypeName.get(result), invocation, staticOwner);
    return new Tasks.Task(method, type, result, model, names.get(name(method)) > 1);
  }

  /** Reports on the method if the owner declares it, else on the owner that inherits it. */
  private void error(String message, ExecutableElement method) {
    report.error(message, method.getEnclosingElement().equals(owner) ? method : owner);
  }

  static boolean hasAnnotation(ExecutableElement method, String name) {
    return method.getAnnotationMirrors().stream()
        .anyMatch(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
            .contentEquals(name));
  }

  private static String name(ExecutableElement method) {
    return method.getSimpleName().toString();
  }
}
