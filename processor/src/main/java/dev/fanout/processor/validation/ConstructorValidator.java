package dev.fanout.processor.validation;

import static javax.lang.model.element.Modifier.PRIVATE;

import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.fanout.processor.Diagnostics;
import dev.fanout.processor.model.Constructor;
import dev.fanout.processor.model.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The owner's accessible constructors, which the coordinator mirrors with and without a leading
 * {@code Executor}; an interface owner has one, without parameters.
 */
final class ConstructorValidator {
  private static final String EXECUTOR = "java.util.concurrent.Executor";

  private final TypeFacts facts;
  private final Report report;
  private final TypeElement owner;

  ConstructorValidator(TypeFacts facts, Report report, TypeElement owner) {
    this.facts = facts;
    this.report = report;
    this.owner = owner;
  }

  /** The constructors to mirror; for a class with none accessible, an error and none. */
  List<Constructor> validate() {
    if (owner.getKind().isInterface()) {
      return List.of(
          new Constructor(List.of(), List.of(), false, List.of(), "executor", List.of()));
    }
    List<ExecutableElement> accessible = new ArrayList<>();
    for (ExecutableElement c : ElementFilter.constructorsIn(owner.getEnclosedElements())) {
      if (!c.getModifiers().contains(PRIVATE)) {
        accessible.add(c);
      }
    }
    if (accessible.isEmpty()) {
      report.error(Diagnostics.ownerNoConstructor(owner.getSimpleName().toString()), owner);
    }
    accessible.forEach(this::checkVisible);
    checkClashes(accessible);
    return accessible.stream().map(this::constructor).toList();
  }

  /** The coordinator mirrors the constructor, so it must see every type in its signature. */
  private void checkVisible(ExecutableElement c) {
    List<TypeMirror> types = new ArrayList<>();
    c.getParameters().forEach(p -> types.add(p.asType()));
    types.addAll(c.getThrownTypes());
    types.stream()
        .map(type -> facts.hiddenFrom(owner, type))
        .flatMap(Optional::stream)
        .findFirst()
        .ifPresent(type -> report.error(Diagnostics.hiddenType(
            owner.getSimpleName().toString(), type.getQualifiedName().toString()), c));
  }

  private Constructor constructor(ExecutableElement c) {
    NameAllocator names = new NameAllocator(); // tagged names: see FanOutMethodWriter.names
    List<Parameter> parameters = new ArrayList<>();
    for (VariableElement p : c.getParameters()) {
      String name = p.getSimpleName().toString();
      names.newName(name, new Object());
      parameters.add(new Parameter(name, TypeName.get(p.asType())));
    }
    return new Constructor(
        c.getTypeParameters().stream().map(TypeVariableName::get).toList(),
        parameters,
        c.isVarArgs(),
        c.getThrownTypes().stream().map(TypeName::get).toList(),
        names.newName("executor", new Object()),
        facts.deprecationWarnings(List.of(c)));
  }

  /**
   * Each constructor gives two signatures, its own and one with a leading Executor; a signature
   * given twice (e.g. by {@code ()} and {@code (Executor)}) would not compile.
   */
  private void checkClashes(List<ExecutableElement> constructors) {
    Set<List<String>> signatures = new HashSet<>();
    for (ExecutableElement c : constructors) {
      List<String> own = erasures(c);
      List<String> withExecutor = new ArrayList<>(own);
      withExecutor.add(0, EXECUTOR);
      for (List<String> signature : List.of(own, withExecutor)) {
        if (!signatures.add(signature)) {
          report.error(Diagnostics.constructorClash(owner.getSimpleName().toString(),
              "constructor (" + String.join(", ", signature) + ")"), c);
        }
      }
    }
  }

  private List<String> erasures(ExecutableElement c) {
    List<String> erasures = new ArrayList<>();
    for (VariableElement p : c.getParameters()) {
      erasures.add(facts.types().erasure(p.asType()).toString());
    }
    return erasures;
  }
}
