package dev.fanout.processor.validation;

import com.palantir.javapoet.TypeName;
import dev.fanout.processor.Diagnostics;
import dev.fanout.processor.model.Argument;
import dev.fanout.processor.model.Slot;
import dev.fanout.processor.model.Slots;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Binds a site's task parameters (SPEC "Slots" and "Task dependencies"): to another task of the
 * site by its name (a dependency), else to the fan-out parameters by name, then at most one
 * collection parameter, then at most one {@code Duration} timeout; every other parameter left
 * over, on either side, is an error. A site whose tasks read each other must order them without
 * a cycle.
 */
final class SlotBinder {
  /**
   * A site's slots and the parameter that is its timeout.
   *
   * @param slots the slots
   * @param timeoutParameter the {@code Duration} parameter no task consumes, if any
   */
  record Binding(Slots slots, Optional<String> timeoutParameter) {}

  /** A task parameter that no fan-out parameter has by name. */
  private record Unbound(int task, int parameter) {}

  /** The collection parameter that feeds the one unbound task parameter. */
  private record Feed(int parameter, TypeMirror elementType) {}

  /** A collection whose elements fit an unbound task parameter. */
  private record Fit(Feed collection, Unbound parameter) {}

  private final TypeFacts facts;
  private final Report report;
  private final SiteMethod site;
  private final List<Tasks.Task> tasks;
  private final Tasks ownerTasks;
  private final List<SiteAnnotation.Named> names;
  private final Set<Integer> used = new TreeSet<>();
  private boolean ok = true;

  SlotBinder(
      TypeFacts facts, Report report, SiteMethod site, List<Tasks.Task> tasks, Tasks ownerTasks) {
    this.facts = facts;
    this.report = report;
    this.site = site;
    this.tasks = tasks;
    this.ownerTasks = ownerTasks;
    this.names = site.annotation().names();
  }

  Optional<Binding> bind() {
    List<List<Argument>> arguments = new ArrayList<>();
    List<Unbound> unbound = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      arguments.add(bindByName(t, unbound));
    }
    Optional<Feed> feed;
    if (unbound.size() == 1 && tasks.size() == 1) {
      feed = feed(unbound.get(0));
    } else if (tasks.size() == 1) {
      feed = reportUnboundBesideElement(unbound);
    } else {
      feed = reportCollectionBesideManyTasks(unbound);
    }
    Optional<String> timeout = timeoutParameter();
    reportUnused();
    if (!ok) {
      return Optional.empty();
    }
    if (feed.isPresent()) {
      return Optional.of(new Binding(
          overCollection(arguments.get(0), unbound.get(0), feed.get()), timeout));
    }
    return named(arguments).map(slots -> new Binding(slots, timeout));
  }

  /** The task's arguments, bound by name; a null stands for an unbound parameter. */
  private List<Argument> bindByName(int t, List<Unbound> unbound) {
    Tasks.Task task = tasks.get(t);
    List<Argument> arguments = new ArrayList<>();
    for (int p = 0; p < task.element().getParameters().size(); p++) {
      String name = task.element().getParameters().get(p).getSimpleName().toString();
      Optional<Integer> index = site.parameterIndex(name);
      Optional<Integer> dependency = slotNamed(name);
      if (dependency.isPresent()) {
        arguments.add(bindDependency(t, p, dependency.get(), index).orElse(null));
        continue;
      }
      if (index.isEmpty()) {
        unbound.add(new Unbound(t, p));
        arguments.add(null);
        continue;
      }
      used.add(index.get());
      checkFits(index.get(), task, p);
      TypeMirror type = site.parameterType(index.get());
      arguments.add(new Argument.Bound(name, cast(task, type, p)));
    }
    return arguments;
  }

  /**
   * The slot of the site's task called {@code name}, which a task parameter of that name reads.
   * A site of one task has none: its task cannot read itself, and it may run once per element.
   */
  private Optional<Integer> slotNamed(String name) {
    if (tasks.size() == 1) {
      return Optional.empty();
    }
    for (int slot = 0; slot < tasks.size(); slot++) {
      if (tasks.get(slot).model().name().equals(name)) {
        return Optional.of(slot);
      }
    }
    return Optional.empty();
  }

  /**
   * Parameter {@code p} of task {@code t} reads slot {@code slot}: its result, or its outcome
   * where the parameter is an {@code Outcome} that accepts it. Empty (reported) if a fan-out
   * parameter has the same name or the type does not accept what the slot gives.
   */
  private Optional<Argument> bindDependency(
      int t, int p, int slot, Optional<Integer> sameName) {
    Tasks.Task task = tasks.get(t);
    String name = task.element().getParameters().get(p).getSimpleName().toString();
    if (sameName.isPresent()) {
      used.add(sameName.get()); // reported as ambiguous, not again as unused
      error(Diagnostics.ambiguousDependency(site.name(), name, task.model().name()),
          site.parameters().get(sameName.get()));
      return Optional.empty();
    }
    TypeMirror wanted = task.type().getParameterTypes().get(p);
    TypeMirror result = tasks.get(slot).result();
    TypeMirror outcome = facts.declared(TypeFacts.OUTCOME, result);
    if (facts.is(wanted, TypeFacts.OUTCOME) && facts.isAssignable(outcome, wanted)) {
      return Optional.of(new Argument.Dependency(slot, true, cast(task, outcome, p)));
    }
    if (!facts.is(wanted, TypeFacts.OUTCOME) && facts.isAssignable(result, wanted)) {
      return Optional.of(new Argument.Dependency(slot, false, cast(task, result, p)));
    }
    reportMismatch(t, p, result, outcome);
    return Optional.empty();
  }

  /** On the task parameter, or on the site's use of the task where another type declares it. */
  private void reportMismatch(int t, int p, TypeMirror result, TypeMirror outcome) {
    Tasks.Task task = tasks.get(t);
    VariableElement parameter = task.element().getParameters().get(p);
    TypeMirror wanted = task.type().getParameterTypes().get(p);
    boolean takesOutcome = facts.is(wanted, TypeFacts.OUTCOME);
    String message = Diagnostics.dependencyMismatch(task.model().name(),
        parameter.getSimpleName().toString(), wanted.toString(),
        takesOutcome ? "outcome" : "result", (takesOutcome ? outcome : result).toString(),
        (takesOutcome ? result : outcome).toString());
    if (declaredBesideSite(task)) {
      error(message, parameter);
    } else {
      error(message, names.get(t).value());
    }
  }

  private boolean declaredBesideSite(Tasks.Task task) {
    return task.element().getEnclosingElement().equals(site.element().getEnclosingElement());
  }

  private void checkFits(int index, Tasks.Task task, int p) {
    TypeMirror from = site.parameterType(index);
    TypeMirror to = task.type().getParameterTypes().get(p);
    if (facts.isAssignable(from, to)) {
      return;
    }
    boolean elementsFit = facts.elementType(from).map(e -> facts.isAssignable(e, to)).orElse(false);
    String message = elementsFit
        // The easy trap: List<Long> id beside user(long id) binds by name, not per element.
        ? Diagnostics.collectionNamedLikeTaskParameter(site.name(), site.parameterName(index),
            task.model().name(), to.toString())
        : Diagnostics.parameterMismatch(site.name(), site.parameterName(index),
            from.toString(), task.model().name(), to.toString());
    error(message, site.parameters().get(index));
  }

  /**
   * The one unused parameter whose elements fit the unbound task parameter; when there is none,
   * or more than one, the error says why.
   */
  private Optional<Feed> feed(Unbound unbound) {
    TypeMirror wanted = parameterType(unbound);
    List<Feed> fits = new ArrayList<>();
    List<Feed> collections = unusedCollections();
    for (Feed candidate : collections) {
      if (facts.isAssignable(candidate.elementType(), wanted)) {
        fits.add(candidate);
      }
    }
    // A collection that cannot feed is reported as such, not again as unused.
    collections.forEach(c -> used.add(c.parameter()));
    if (fits.size() == 1) {
      return Optional.of(fits.get(0));
    }
    reportNoFeed(unbound, fits, collections);
    return Optional.empty();
  }

  private void reportNoFeed(Unbound unbound, List<Feed> fits, List<Feed> collections) {
    String task = tasks.get(unbound.task()).model().name();
    String parameter = parameterName(unbound);
    if (fits.size() > 1) {
      List<String> candidates = fits.stream().map(f -> site.parameterName(f.parameter())).toList();
      error(Diagnostics.ambiguousCollection(site.name(), task, parameter, candidates),
          site.parameters().get(fits.get(1).parameter()));
    } else if (!collections.isEmpty()) {
      Feed first = collections.get(0);
      error(Diagnostics.elementMismatch(site.name(), site.parameterName(first.parameter()),
          first.elementType().toString(), task, parameter, parameterType(unbound).toString()),
          site.parameters().get(first.parameter()));
    } else {
      reportUnbound(List.of(unbound));
    }
  }

  /**
   * One task with several unbound parameters: where an unused collection could feed one of them
   * (by preference the one it is named after, {@code providers} → {@code provider}), the site
   * was meant to run per element, and only the others are the fault.
   */
  private Optional<Feed> reportUnboundBesideElement(List<Unbound> unbound) {
    List<Feed> collections = unusedCollections();
    List<Fit> fits = new ArrayList<>();
    for (Feed collection : collections) {
      for (Unbound u : unbound) {
        if (facts.isAssignable(collection.elementType(), parameterType(u))) {
          fits.add(new Fit(collection, u));
        }
      }
    }
    if (fits.isEmpty()) {
      return reportUnbound(unbound);
    }
    Fit fit = fits.stream().filter(this::namedAfter).findFirst().orElse(fits.get(0));
    collections.forEach(c -> used.add(c.parameter()));
    String collection = site.parameterName(fit.collection().parameter());
    for (Unbound u : unbound) {
      if (!u.equals(fit.parameter())) {
        error(Diagnostics.unboundBesideElement(site.name(), tasks.get(0).model().name(),
            parameterName(u), parameterType(u).toString(), collection),
            names.get(0).value());
      }
    }
    return Optional.empty();
  }

  /** {@code ids} is named after {@code id}, {@code providerList} after {@code provider}. */
  private boolean namedAfter(Fit fit) {
    return site.parameterName(fit.collection().parameter())
        .startsWith(parameterName(fit.parameter()));
  }

  /**
   * Several tasks and an unused collection that could feed their parameters: the site was meant
   * to run per element, which only a single-task site does. One error on the collection stands
   * for the task parameters it could feed; the other unbound ones are reported as such.
   */
  private Optional<Feed> reportCollectionBesideManyTasks(List<Unbound> unbound) {
    List<Unbound> rest = new ArrayList<>(unbound);
    for (Feed collection : unusedCollections()) {
      boolean feedsSome = rest.removeIf(
          u -> facts.isAssignable(collection.elementType(), parameterType(u)));
      if (feedsSome) {
        used.add(collection.parameter());
        error(Diagnostics.collectionBesideManyTasks(site.name(),
            site.parameterName(collection.parameter()),
            tasks.stream().map(t -> t.model().name()).toList()),
            site.parameters().get(collection.parameter()));
      }
    }
    return reportUnbound(rest);
  }

  /** The fan-out parameters that are collections and not bound by name. */
  private List<Feed> unusedCollections() {
    List<Feed> collections = new ArrayList<>();
    for (int i = 0; i < site.parameters().size(); i++) {
      int index = i;
      if (!used.contains(i)) {
        facts.elementType(site.parameterType(i))
            .ifPresent(e -> collections.add(new Feed(index, e)));
      }
    }
    return collections;
  }

  private Optional<Feed> reportUnbound(List<Unbound> unbound) {
    for (Unbound u : unbound) {
      String task = tasks.get(u.task()).model().name();
      String parameter = parameterName(u);
      String message;
      if (parameter.equals(task)) {
        // A site of one task has no dependencies: its task reads itself.
        message = Diagnostics.dependencyCycle(site.display(), site.name(), List.of(task, task));
      } else if (ownerTasks.valid(parameter).isPresent() || ownerTasks.isInvalid(parameter)) {
        message = Diagnostics.dependencyNotInSite(site.display(), site.name(), task, parameter,
            parameterType(u).toString());
      } else {
        message = Diagnostics.unboundTaskParameter(site.name(), task, parameter,
            parameterType(u).toString());
      }
      error(message, names.get(u.task()).value());
    }
    return Optional.empty();
  }

  /** The first unused {@code Duration} parameter: the call's timeout. */
  private Optional<String> timeoutParameter() {
    for (int i = 0; i < site.parameters().size(); i++) {
      if (!used.contains(i) && facts.is(site.parameterType(i), TypeFacts.DURATION)) {
        used.add(i);
        return Optional.of(site.parameterName(i));
      }
    }
    return Optional.empty();
  }

  private void reportUnused() {
    for (int i = 0; i < site.parameters().size(); i++) {
      if (!used.contains(i)) {
        error(Diagnostics.unusedParameter(site.name(), site.parameterName(i)),
            site.parameters().get(i));
      }
    }
  }

  /** The named slots, in the order to submit them; empty (reported) if they form a cycle. */
  private Optional<Slots> named(List<List<Argument>> arguments) {
    List<Slot> slots = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      slots.add(new Slot(tasks.get(t).model(), arguments.get(t)));
    }
    TaskGraph graph = new TaskGraph(slots.stream()
        .map(slot -> slot.dependencies().stream().map(Argument.Dependency::slot).toList())
        .toList());
    Optional<List<Integer>> order = graph.order();
    if (order.isEmpty()) {
      List<Integer> cycle = graph.cycle().orElseThrow();
      error(Diagnostics.dependencyCycle(site.display(), site.name(),
          cycle.stream().map(slot -> tasks.get(slot).model().name()).toList()),
          names.get(cycle.get(0)).value());
      return Optional.empty();
    }
    return Optional.of(new Slots.Named(slots, order.get()));
  }

  private Slots overCollection(List<Argument> arguments, Unbound unbound, Feed feed) {
    List<Argument> withElement = new ArrayList<>(arguments);
    withElement.set(unbound.parameter(),
        new Argument.Element(
            cast(tasks.get(0), facts.boxed(feed.elementType()), unbound.parameter())));
    Slot slot = new Slot(tasks.get(0).model(), withElement);
    return new Slots.OverCollection(slot, site.parameterName(feed.parameter()),
        TypeName.get(feed.elementType()), parameterName(unbound),
        facts.countOf(site.parameterType(feed.parameter())));
  }

  /**
   * The cast that keeps Java's overload resolution on the task: an argument of another type than
   * the parameter's (a {@code Long} for a {@code long}) could select another method of the same
   * name (an {@code Object} one, say), so where there is one the argument is cast.
   */
  private Optional<TypeName> cast(Tasks.Task task, TypeMirror argument, int parameter) {
    TypeMirror type = task.type().getParameterTypes().get(parameter);
    return task.overloaded() && !facts.types().isSameType(argument, type)
        ? Optional.of(TypeName.get(type))
        : Optional.empty();
  }

  private TypeMirror parameterType(Unbound u) {
    return tasks.get(u.task()).type().getParameterTypes().get(u.parameter());
  }

  private String parameterName(Unbound u) {
    return tasks.get(u.task()).element().getParameters().get(u.parameter()).getSimpleName()
        .toString();
  }

  private void error(String message, VariableElement parameter) {
    ok = false;
    report.error(message, parameter);
  }

  private void error(String message, AnnotationValue value) {
    ok = false;
    report.error(message, site.element(), site.annotation().mirror(), value);
  }
}
