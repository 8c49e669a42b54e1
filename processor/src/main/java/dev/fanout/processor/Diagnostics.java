package dev.fanout.processor;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every message the processor reports, in one place: each says what is wrong and how to fix it,
 * with the user's names in quotes.
 */
public final class Diagnostics {
  private Diagnostics() {}

  // ---- owners ------------------------------------------------------------------------------

  public static String ownerWrongKind(String owner, String kind) {
    return "fan-out methods need an abstract class or an interface to live in, but "
        + q(owner) + " is " + kind + "; move them to an abstract class or an interface";
  }

  public static String ownerFinal(String owner) {
    return "class " + q(owner) + " is final, so no coordinator can extend it; make "
        + q(owner) + " an abstract class (or an interface) with abstract fan-out methods";
  }

  public static String ownerSealed(String owner) {
    return q(owner) + " is sealed, so its coordinator, which no permits clause names, cannot"
        + " extend it; remove sealed and the permits clause from " + q(owner);
  }

  public static String ownerNotAbstract(String owner) {
    return "class " + q(owner) + " has fan-out methods but is not abstract; make " + q(owner)
        + " abstract and its fan-out methods abstract, so that the coordinator implements them";
  }

  public static String ownerInner(String owner) {
    return "class " + q(owner) + " is an inner (non-static) class, so no coordinator can extend"
        + " it from outside; declare it static";
  }

  public static String ownerPrivate(String owner) {
    return q(owner) + " is private (or nested in a private type), so its coordinator, a"
        + " top-level class of the same package, cannot extend it; make it package-private or"
        + " wider";
  }

  public static String ownerNoConstructor(String owner) {
    return "class " + q(owner) + " has no constructor that its coordinator can call, as all"
        + " are private; make one package-private, protected or public";
  }

  public static String constructorClash(String owner, String signature) {
    return "the coordinator of " + q(owner) + " mirrors each constructor with and without a"
        + " leading Executor, and this constructor gives a second " + signature
        + "; remove or change one of the clashing constructors";
  }

  public static String abstractNotFanOut(String owner, String method) {
    return "abstract method " + q(method) + " of " + q(owner) + " is not a fan-out method, so"
        + " the coordinator cannot implement it; give it a body, or annotate it with @Gather,"
        + " @Wait or @AsCompleted";
  }

  public static String coordinatorExists(String owner, String coordinator) {
    return "fanout generates " + q(coordinator) + " for " + q(owner) + ", but a type of that"
        + " name already exists in the package; rename that type";
  }

  public static String unresolvedType(String owner, String type) {
    return "type " + q(type) + " used by " + q(owner) + " does not exist, so no coordinator"
        + " was generated for " + q(owner) + "; fix the type (or the processor that should"
        + " generate it)";
  }

  public static String writeFailed(String coordinator, String why) {
    return "could not write " + q(coordinator) + ": " + why + "; check the generated sources"
        + " directory, or whether another processor writes a file of that name";
  }

  public static String internalError(String stackTrace) {
    return "internal error in the fanout processor: please report it with this stack trace: "
        + stackTrace;
  }

  public static String hiddenType(String method, String type) {
    return q(method) + " uses " + q(type) + ", which the coordinator, a class of its own in the"
        + " same package, cannot see; make " + q(type) + " package-private or wider";
  }

  // ---- task methods ------------------------------------------------------------------------

  public static String taskPrivate(String task) {
    return "@Async method " + q(task) + " is private, so the coordinator cannot call it; make"
        + " it package-private or wider";
  }

  public static String taskAbstract(String task) {
    return "@Async method " + q(task) + " is abstract, but a task needs a body to run; give "
        + q(task) + " a body, or make it a fan-out method with @Gather, @Wait or @AsCompleted";
  }

  public static String taskGeneric(String task) {
    return "@Async method " + q(task) + " declares type parameters, which tasks do not"
        + " support; move the type parameters to the owner or use concrete types";
  }

  public static String taskThrowsThrowable(String task, String type) {
    return "@Async method " + q(task) + " throws " + type + ", which is neither an Exception"
        + " nor an Error, so the coordinator cannot run it as a task; throw an Exception (or a"
        + " subclass of it) instead";
  }

  public static String taskDuplicate(String task, String owner) {
    return q(owner) + " has more than one @Async method named " + q(task) + ", but a task"
        + " name must pick one method; rename one of them";
  }

  public static String taskStageUntyped(String task, String type) {
    return "@Async method " + q(task) + " returns " + type + ", whose value type is not known;"
        + " declare the value type exactly, e.g. CompletableFuture<User>";
  }

  public static String taskAndSite(String method, String annotation) {
    return "method " + q(method) + " is both an @Async task and an " + annotation
        + " fan-out method; a method is one or the other, so remove one annotation";
  }

  // ---- fan-out methods ---------------------------------------------------------------------

  public static String siteTwoAnnotations(String method, String first, String second) {
    return "method " + q(method) + " has both " + first + " and " + second
        + ", but a fan-out method has one style; keep one of them";
  }

  public static String siteNotAbstract(String method, String annotation) {
    return annotation + " method " + q(method) + " has a body, but the coordinator implements"
        + " fan-out methods; make " + q(method) + " abstract";
  }

  public static String siteStatic(String method, String annotation) {
    return annotation + " method " + q(method) + " is static, so the coordinator cannot"
        + " implement it; make it an abstract instance method";
  }

  public static String siteGeneric(String method, String annotation) {
    return annotation + " method " + q(method) + " declares type parameters, which fan-out"
        + " methods do not support; move them to the owner or use concrete types";
  }

  public static String emptyValue(String annotation, String method) {
    return annotation + " on " + q(method) + " names no task; name at least one @Async"
        + " method, e.g. " + annotation + "(\"fetchUser\")";
  }

  public static String unknownTask(
      String annotation, String method, String owner, String name, Collection<String> tasks) {
    String start = annotation + " on " + q(method) + " names task " + q(name) + ", but ";
    if (tasks.isEmpty()) {
      return start + q(owner) + " has no @Async methods; add an @Async method " + q(name);
    }
    String fix = didYouMean(name, tasks)
        .map(s -> "did you mean " + q(s) + "?")
        .orElse("add an @Async method " + q(name) + " or name an existing one");
    return start + q(owner) + " has no @Async method of that name (its tasks are "
        + quotedList(tasks) + "); " + fix;
  }

  public static String taskNamedTwice(String annotation, String method, String name) {
    return annotation + " on " + q(method) + " names task " + q(name) + " twice; name it once,"
        + " or to run it over many inputs give " + q(method) + " a collection parameter";
  }

  public static String malformedTimeout(String annotation, String method, String timeout) {
    return annotation + " on " + q(method) + " has timeout " + q(timeout) + ", which is not an"
        + " ISO-8601 duration; write it as Duration.parse reads it, e.g. \"PT2S\" or"
        + " \"PT0.5S\", or \"\" for none";
  }

  public static String negativeTimeout(String annotation, String method, String timeout) {
    return annotation + " on " + q(method) + " has the negative timeout " + q(timeout)
        + "; give a positive duration, e.g. \"PT2S\", or \"\" for none";
  }

  public static String zeroTimeout(String annotation, String method, String timeout) {
    return annotation + " on " + q(method) + " has the zero timeout " + q(timeout) + ", so every"
        + " call would time out at once; give a positive duration, e.g. \"PT2S\", or \"\" for"
        + " none";
  }

  public static String negativeMaxConcurrency(String annotation, String method, int value) {
    return annotation + " on " + q(method) + " has maxConcurrency = " + value + ", but it cannot"
        + " be negative; give a positive limit, or 0 for none";
  }

  public static String cancelOnFailureWithReturnExceptions(String method) {
    return "@Gather on " + q(method) + " sets cancelOnFailure, which means nothing with"
        + " returnExceptions = true, as no failure is thrown and every task runs to its end;"
        + " remove cancelOnFailure";
  }

  // ---- slots -------------------------------------------------------------------------------

  public static String unboundTaskParameter(
      String method, String task, String parameter, String type) {
    return "parameter " + q(parameter) + " of task " + q(task) + " is not bound, as " + q(method)
        + " has no parameter of that name; add a parameter " + q(parameter) + " of type "
        + type + " to " + q(method);
  }

  public static String unboundBesideElement(
      String method, String task, String parameter, String type, String collection) {
    return "parameter " + q(parameter) + " of task " + q(task) + " is not bound: " + q(method)
        + " runs " + q(task) + " once per element of " + q(collection) + ", but has no parameter "
        + q(parameter) + "; add a parameter " + q(parameter) + " of type " + type + " to "
        + q(method);
  }

  public static String collectionBesideManyTasks(
      String method, String collection, List<String> tasks) {
    return "parameter " + q(collection) + " of " + q(method) + " is a collection, but only a"
        + " site that names a single task runs it once per element, and " + q(method)
        + " names " + tasks.size() + " (" + quotedList(tasks) + "); give each task its own"
        + " fan-out method over " + q(collection);
  }

  public static String unusedParameter(String method, String parameter) {
    return "parameter " + q(parameter) + " of " + q(method) + " is not used by any task; remove"
        + " it, or name it as the task parameter it is for";
  }

  public static String ambiguousCollection(
      String method, String task, String parameter, List<String> candidates) {
    return "parameters " + quotedList(candidates) + " of " + q(method) + " could each feed"
        + " parameter " + q(parameter) + " of task " + q(task) + "; keep one collection"
        + " parameter";
  }

  public static String parameterMismatch(
      String method, String parameter, String parameterType, String task, String taskType) {
    return "parameter " + q(parameter) + " of " + q(method) + " is " + parameterType
        + ", which does not fit parameter " + q(parameter) + " of task " + q(task) + " ("
        + taskType + "); change one of the two types";
  }

  public static String collectionNamedLikeTaskParameter(
      String method, String parameter, String task, String taskType) {
    return "parameter " + q(parameter) + " of " + q(method) + " is a collection, but task "
        + q(task) + " has a parameter " + q(parameter) + " (" + taskType + "), so the whole"
        + " collection is bound to it by name; to run " + q(task) + " once per element, give"
        + " the collection another name, e.g. " + q(parameter + "s");
  }

  public static String elementMismatch(
      String method, String collection, String elementType, String task, String parameter,
      String parameterType) {
    return "the elements of " + q(collection) + " of " + q(method) + " are " + elementType
        + ", which does not fit parameter " + q(parameter) + " of task " + q(task) + " ("
        + parameterType + "); change the element type or the parameter type";
  }

  // ---- dependencies ------------------------------------------------------------------------

  public static String ambiguousDependency(String method, String parameter, String task) {
    return "parameter " + q(parameter) + " of task " + q(task) + " could take the result of task "
        + q(parameter) + ", which " + q(method) + " runs, or parameter " + q(parameter) + " of "
        + q(method) + "; rename parameter " + q(parameter) + " of " + q(method);
  }

  public static String dependencyNotInSite(
      String annotation, String method, String task, String parameter, String type) {
    return "parameter " + q(parameter) + " of task " + q(task) + " is named after task "
        + q(parameter) + ", which " + q(method) + " does not run, and " + q(method) + " has no"
        + " parameter of that name; add " + q(parameter) + " to the value of " + annotation
        + " to pass its result, or add a parameter " + q(parameter) + " of type " + type + " to "
        + q(method);
  }

  public static String dependencyCycle(String annotation, String method, List<String> cycle) {
    String path = cycle.stream().map(Diagnostics::q).collect(Collectors.joining(" \u2192 "));
    return "the tasks of " + annotation + " on " + q(method) + " depend on each other in a cycle, "
        + path + ", so none of them can start; break it by renaming or removing one of the"
        + " parameters named after a task";
  }

  /**
   * A task parameter named after a task of the site whose type does not accept what it would
   * take: {@code what} is "result" or "outcome", {@code type} the type taken.
   */
  public static String dependencyMismatch(
      String task, String parameter, String parameterType, String what, String type,
      String alternative) {
    return "parameter " + q(parameter) + " of task " + q(task) + " is " + parameterType
        + ", which does not accept the " + what + " of task " + q(parameter) + " (" + type
        + "); declare it as " + type + ", or as " + alternative + " to take its "
        + (what.equals("result") ? "outcome" : "result");
  }

  // ---- result shapes -----------------------------------------------------------------------

  public static String rawResultType(String method, String type) {
    return q(method) + " returns the raw type " + type + ", whose components cannot be checked"
        + " against the tasks; give " + type + " its type arguments";
  }

  public static String unsupportedShape(String annotation, String method, String type) {
    return annotation + " method " + q(method) + " returns " + type + ", which "
        + annotation + " cannot produce; return " + shapesOf(annotation);
  }

  public static String outcomeNeedsReturnExceptions(String method, String type) {
    return "@Gather method " + q(method) + " returns " + type + ", which holds Outcomes, but"
        + " returnExceptions is false; set returnExceptions = true, or return the plain results";
  }

  public static String returnExceptionsNeedsOutcome(String method, String type) {
    return "@Gather method " + q(method) + " sets returnExceptions = true, so each slot is an"
        + " Outcome, but it returns " + type + "; return Outcome<T> in place of each T, e.g."
        + " List<Outcome<User>>";
  }

  public static String slotDoesNotFit(
      String method, String task, String slotType, String target, String fix) {
    return "task " + q(task) + " of " + q(method) + " gives " + slotType + ", which does not"
        + " fit " + target + "; " + fix;
  }

  public static String waitComponentNotTask(
      String method, String type, int index, String parameterType, String handle) {
    return "@Wait method " + q(method) + " returns " + type + ", whose constructor parameter "
        + index + " is " + parameterType + ", but @Wait fills each with the Task handle of its"
        + " slot; declare it " + handle;
  }

  public static String componentCount(String method, String type, int parameters, int slots) {
    return q(method) + " returns " + type + ", whose constructor takes " + parameters
        + " parameter(s), but the site names " + slots + " task(s); give it one constructor"
        + " parameter per task, in the order named";
  }

  public static String noUsableConstructor(String method, String type, String why) {
    return q(method) + " returns " + type + ", which " + why + "; return a record, or a class"
        + " with exactly one accessible constructor";
  }

  public static String recordNeedsNamedTasks(String method, String type, String collection) {
    return q(method) + " runs one task per element of " + q(collection) + ", so the number of"
        + " results is not fixed and cannot fill " + type + "; return a List (or a"
        + " WaitResult or a Stream) instead";
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static String shapesOf(String annotation) {
    switch (annotation) {
      case "@Wait":
        return "WaitResult<T>, or a record whose components are Task<T1>, Task<T2>, ... in"
            + " task order, optionally wrapped in CompletableFuture<...> or CompletionStage<...>";
      case "@AsCompleted":
        return "Stream<T> or Stream<Task<T>>, optionally wrapped in CompletableFuture<...> or"
            + " CompletionStage<...>";
      default:
        return "List<T>, a record (or class) with one constructor parameter per task in task"
            + " order, or void (with returnExceptions = true: List<Outcome<T>> or a record of"
            + " Outcome<T> components), optionally wrapped in CompletableFuture<...> or"
            + " CompletionStage<...>";
    }
  }

  /** The closest name, if it is close enough to be a likely typo. */
  static Optional<String> didYouMean(String name, Collection<String> candidates) {
    return candidates.stream()
        .filter(c -> distance(name, c) <= Math.max(2, name.length() / 3))
        .min(Comparator.comparingInt((String c) -> distance(name, c))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** Levenshtein distance, case-insensitive: a wrong capital is a small mistake. */
  static int distance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1, previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()];
  }

  private static String quotedList(Collection<String> names) {
    return names.stream().sorted().map(Diagnostics::q).collect(Collectors.joining(", "));
  }

  private static String q(String name) {
    return "\"" + name + "\"";
  }
}
