package dev.fanout.processor.validation;

import static javax.lang.model.element.Modifier.ABSTRACT;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.fanout.processor.Diagnostics;
import dev.fanout.processor.model.ResultShape;
import dev.fanout.processor.model.ResultShape.Collector;
import dev.fanout.processor.model.ResultShape.Construction;
import dev.fanout.processor.model.SiteKind;
import dev.fanout.processor.model.Slots;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Matches a site's return type against the shapes of its annotation (SPEC "Result shapes") and
 * checks that every slot's result fits it.
 */
final class ShapeResolver {
  private final TypeFacts facts;
  private final Report report;
  private final SiteMethod site;
  private final List<Tasks.Task> tasks;
  private final Optional<Slots> slots;
  private final TypeMirror declared;
  private boolean async;
  private boolean reported;

  ShapeResolver(
      TypeFacts facts,
      Report report,
      SiteMethod site,
      List<Tasks.Task> tasks,
      Optional<Slots> slots) {
    this.facts = facts;
    this.report = report;
    this.site = site;
    this.tasks = tasks;
    this.slots = slots;
    this.declared = site.type().getReturnType();
  }

  Optional<ResultShape> resolve() {
    Optional<TypeMirror> inner = unwrapFuture();
    Optional<ResultShape> shape = inner.flatMap(this::shapeOf);
    if (shape.isEmpty() && !reported) {
      error(Diagnostics.unsupportedShape(site.display(), site.name(), declared.toString()));
    }
    return shape;
  }

  /** The type inside {@code CompletableFuture<...>}/{@code CompletionStage<...>}, or the type. */
  private Optional<TypeMirror> unwrapFuture() {
    if (!facts.is(declared, TypeFacts.COMPLETABLE_FUTURE)
        && !facts.is(declared, TypeFacts.COMPLETION_STAGE)) {
      return Optional.of(declared);
    }
    async = true;
    return facts.argument(declared).map(facts::readable);
  }

  private Optional<ResultShape> shapeOf(TypeMirror inner) {
    switch (site.annotation().kind()) {
      case GATHER:
        return gather(inner);
      case WAIT:
        return facts.is(inner, TypeFacts.WAIT_RESULT)
            ? direct(Collector.WAIT_RESULT, inner, t -> facts.declared(TypeFacts.WAIT_RESULT, t))
            : construct(Collector.WAIT_RECORD, inner);
      default:
        return stream(inner);
    }
  }

  // ---- @Gather -----------------------------------------------------------------------------

  private Optional<ResultShape> gather(TypeMirror inner) {
    boolean settle = site.annotation().returnExceptions();
    if (isVoid(inner)) {
      Collector collector = settle ? Collector.SETTLE_VOID : Collector.GATHER_VOID;
      return Optional.of(shape(collector, objectType(), Optional.empty(), Optional.empty()));
    }
    if (facts.is(inner, TypeFacts.LIST)) {
      return settle ? settleList(inner) : gatherList(inner);
    }
    return construct(settle ? Collector.SETTLE_RECORD : Collector.GATHER_RECORD, inner);
  }

  /** {@code void}, or {@code Void} inside a future. */
  private boolean isVoid(TypeMirror inner) {
    return async ? facts.is(inner, "java.lang.Void") : inner.getKind() == TypeKind.VOID;
  }

  private Optional<ResultShape> gatherList(TypeMirror list) {
    Optional<TypeMirror> element = facts.argument(list).map(facts::readable);
    if (element.isPresent() && facts.isOutcome(element.get())) {
      return fail(Diagnostics.outcomeNeedsReturnExceptions(site.name(), declared.toString()));
    }
    return direct(Collector.GATHER_LIST, list, t -> facts.declared(TypeFacts.LIST, t));
  }

  private Optional<ResultShape> settleList(TypeMirror list) {
    Optional<TypeMirror> element = facts.argument(list).map(facts::readable);
    if (element.isEmpty()) {
      return Optional.empty();
    }
    if (facts.is(element.get(), "java.lang.Object")) {
      // List<?> holds Outcomes as well as anything else.
      return settled(Collector.SETTLE_LIST, facts.object());
    }
    if (!facts.isOutcome(element.get())) {
      return fail(Diagnostics.returnExceptionsNeedsOutcome(site.name(), declared.toString()));
    }
    Optional<TypeMirror> value = facts.argument(element.get()).map(facts::readable);
    return value.flatMap(v -> settled(Collector.SETTLE_LIST, v));
  }

  private Optional<ResultShape> settled(Collector collector, TypeMirror value) {
    if (!slotsFit(value, "the Outcome value type")) {
      return Optional.empty();
    }
    TypeMirror engine = facts.declared(TypeFacts.LIST, facts.declared(TypeFacts.OUTCOME, value));
    return withCast(collector, value, engine);
  }

  // ---- @AsCompleted ------------------------------------------------------------------------

  private Optional<ResultShape> stream(TypeMirror inner) {
    if (!facts.is(inner, TypeFacts.STREAM)) {
      return Optional.empty();
    }
    Optional<TypeMirror> element = facts.argument(inner).map(facts::readable);
    if (element.isPresent() && facts.is(element.get(), TypeFacts.TASK)) {
      Optional<TypeMirror> value = facts.argument(element.get()).map(facts::readable);
      return value.flatMap(v -> typed(Collector.TASK_STREAM, v, "the Task value type",
          t -> facts.declared(TypeFacts.STREAM, facts.declared(TypeFacts.TASK, t))));
    }
    return direct(Collector.RESULT_STREAM, inner, t -> facts.declared(TypeFacts.STREAM, t));
  }

  // ---- the one-type-argument shapes: List<T>, WaitResult<T>, Stream<T> ---------------------

  /**
   * A shape whose one type argument is the slots' common type T: the engine returns
   * {@code engineType(T)}.
   */
  private Optional<ResultShape> direct(
      Collector collector, TypeMirror container, UnaryOperator<TypeMirror> engineType) {
    Optional<TypeMirror> element = facts.argument(container).map(facts::readable);
    return element.flatMap(
        e -> typed(collector, e, "the element type of " + declared, engineType));
  }

  private Optional<ResultShape> typed(
      Collector collector, TypeMirror value, String target, UnaryOperator<TypeMirror> engine) {
    if (!slotsFit(value, target)) {
      return Optional.empty();
    }
    return withCast(collector, value, engine.apply(value));
  }

  /**
   * The shape with call type {@code value}; where the engine's type cannot be assigned to the
   * declared one (a nested wildcard, e.g. {@code List<Outcome<?>>}), the method casts to it.
   */
  private Optional<ResultShape> withCast(Collector collector, TypeMirror value, TypeMirror engine) {
    TypeMirror returned = async ? facts.declared(TypeFacts.COMPLETABLE_FUTURE, engine) : engine;
    if (facts.isAssignable(returned, declared)) {
      return Optional.of(shape(collector, TypeName.get(value), Optional.empty(), Optional.empty()));
    }
    TypeMirror erasedReturned = facts.types().erasure(returned);
    if (!facts.isAssignable(erasedReturned, facts.types().erasure(declared))) {
      return Optional.empty();
    }
    return Optional.of(shape(collector, TypeName.get(value), Optional.empty(),
        Optional.of(TypeName.get(declared))));
  }

  private boolean slotsFit(TypeMirror value, String target) {
    boolean fit = true;
    for (Tasks.Task task : tasks) {
      if (!facts.isAssignable(task.result(), value)) {
        error(Diagnostics.slotDoesNotFit(site.name(), task.model().name(),
            task.result().toString(), target + " (" + value + ")",
            "widen it to a type that every task's result fits, or to ?"));
        fit = false;
      }
    }
    return fit;
  }

  // ---- records and classes -----------------------------------------------------------------

  /** A record or class built from the slot handles, one constructor parameter per slot. */
  private Optional<ResultShape> construct(Collector collector, TypeMirror inner) {
    Optional<TypeElement> type = facts.typeElement(inner)
        .filter(t -> t.getKind() == ElementKind.CLASS || t.getKind() == ElementKind.RECORD);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (slots.orElse(null) instanceof Slots.OverCollection over) {
      return fail(Diagnostics.recordNeedsNamedTasks(site.name(), inner.toString(),
          over.collection()));
    }
    if (!type.get().getTypeParameters().isEmpty()
        && ((DeclaredType) inner).getTypeArguments().isEmpty()) {
      // A raw type erases its components, so no slot could be checked against them.
      return fail(Diagnostics.rawResultType(site.name(), inner.toString()));
    }
    Optional<ExecutableElement> constructor = constructor(type.get(), inner);
    Optional<ExecutableType> signature = constructor.map(
        c -> (ExecutableType) facts.types().asMemberOf((DeclaredType) inner, c));
    if (signature.isEmpty() || !componentsFit(collector, inner, signature.get())) {
      return Optional.empty();
    }
    Construction construction = new Construction(ClassName.get(type.get()),
        !type.get().getTypeParameters().isEmpty());
    return Optional.of(shape(collector, objectType(), Optional.of(construction), Optional.empty()));
  }

  /** The canonical constructor of a record, the only one of a class; empty after an error. */
  private Optional<ExecutableElement> constructor(TypeElement type, TypeMirror inner) {
    Optional<String> problem = instantiationProblem(type);
    List<ExecutableElement> constructors =
        ElementFilter.constructorsIn(type.getEnclosedElements());
    Optional<ExecutableElement> chosen = type.getKind() == ElementKind.RECORD
        ? constructors.stream().filter(c -> isCanonical(type, c)).findFirst()
        : constructors.size() == 1 ? Optional.of(constructors.get(0)) : Optional.empty();
    if (problem.isEmpty() && chosen.isEmpty()) {
      problem = Optional.of("has " + constructors.size() + " constructors, so which one to call"
          + " is not clear");
    }
    if (problem.isEmpty() && !isAccessible(chosen.get(), type)) {
      problem = Optional.of("has no constructor that the coordinator may call");
    }
    if (problem.isPresent()) {
      return fail(Diagnostics.noUsableConstructor(site.name(), inner.toString(), problem.get()));
    }
    return chosen;
  }

  private Optional<String> instantiationProblem(TypeElement type) {
    if (type.getModifiers().contains(ABSTRACT)) {
      return Optional.of("is abstract");
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(STATIC)
        && type.getKind() == ElementKind.CLASS) {
      return Optional.of("is an inner class, which needs an enclosing instance");
    }
    return Optional.empty();
  }

  private boolean isCanonical(TypeElement record, ExecutableElement constructor) {
    var components = record.getRecordComponents();
    if (components.size() != constructor.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < components.size(); i++) {
      TypeMirror parameter = constructor.getParameters().get(i).asType();
      if (!facts.types().isSameType(components.get(i).asType(), parameter)) {
        return false;
      }
    }
    return true;
  }

  /** Whether code in the owner's package may call {@code constructor} of {@code type}. */
  private boolean isAccessible(ExecutableElement constructor, TypeElement type) {
    boolean samePackage = packageOf(type).equals(packageOf(site.element()));
    for (Element e = constructor; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      boolean visible = samePackage
          ? !e.getModifiers().contains(PRIVATE)
          : e.getModifiers().contains(PUBLIC);
      if (!visible) {
        return false;
      }
    }
    return true;
  }

  private static PackageElement packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  private boolean componentsFit(Collector collector, TypeMirror type, ExecutableType signature) {
    List<? extends TypeMirror> parameters = signature.getParameterTypes();
    if (parameters.size() != tasks.size()) {
      error(Diagnostics.componentCount(site.name(), type.toString(), parameters.size(),
          tasks.size()));
      return false;
    }
    if (!outcomesMatch(collector, parameters) || !tasksMatch(collector, type, parameters)) {
      return false;
    }
    boolean fit = true;
    for (int i = 0; i < tasks.size(); i++) {
      fit &= componentFits(collector, type, i, parameters.get(i));
    }
    return fit;
  }

  /** Outcome components exactly when returnExceptions is set, else one error says so. */
  private boolean outcomesMatch(Collector collector, List<? extends TypeMirror> parameters) {
    if (site.annotation().kind() != SiteKind.GATHER) {
      return true;
    }
    boolean settle = collector == Collector.SETTLE_RECORD;
    boolean anyOutcome = parameters.stream().anyMatch(facts::isOutcome);
    boolean allOutcomes = parameters.stream().allMatch(facts::isOutcome);
    if (!settle && anyOutcome) {
      fail(Diagnostics.outcomeNeedsReturnExceptions(site.name(), declared.toString()));
      return false;
    }
    if (settle && !allOutcomes) {
      fail(Diagnostics.returnExceptionsNeedsOutcome(site.name(), declared.toString()));
      return false;
    }
    return true;
  }

  /** A @Wait record holds a {@code Task<T>} handle per slot, and nothing else. */
  private boolean tasksMatch(
      Collector collector, TypeMirror type, List<? extends TypeMirror> parameters) {
    if (collector != Collector.WAIT_RECORD) {
      return true;
    }
    for (int i = 0; i < parameters.size(); i++) {
      if (!facts.is(parameters.get(i), TypeFacts.TASK)) {
        TypeMirror handle = facts.declared(TypeFacts.TASK, tasks.get(i).result());
        fail(Diagnostics.waitComponentNotTask(site.name(), type.toString(), i + 1,
            parameters.get(i).toString(), handle.toString()));
        return false;
      }
    }
    return true;
  }

  private boolean componentFits(
      Collector collector, TypeMirror type, int index, TypeMirror parameter) {
    Tasks.Task task = tasks.get(index);
    TypeMirror value = switch (collector) {
      case SETTLE_RECORD -> facts.declared(TypeFacts.OUTCOME, task.result());
      case WAIT_RECORD -> facts.declared(TypeFacts.TASK, task.result());
      default -> task.result();
    };
    if (facts.isAssignable(value, parameter)) {
      return true;
    }
    error(Diagnostics.slotDoesNotFit(site.name(), task.model().name(), value.toString(),
        "constructor parameter " + (index + 1) + " of " + type + " (" + parameter + ")",
        "change that parameter's type to " + value + " or a supertype of it"));
    return false;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private ResultShape shape(
      Collector collector,
      TypeName callType,
      Optional<Construction> construction,
      Optional<TypeName> cast) {
    return new ResultShape(collector, async, callType, construction, cast);
  }

  private static TypeName objectType() {
    return ClassName.OBJECT;
  }

  private <T> Optional<T> fail(String message) {
    error(message);
    return Optional.empty();
  }

  private void error(String message) {
    reported = true;
    report.error(message, site.element());
  }
}
