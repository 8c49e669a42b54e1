package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.generated;
import static dev.fanout.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per diagnostic: a small owner with exactly one fault gets exactly one error, on the
 * line of the fault, saying what is wrong.
 */
class NegativeTest {
  private static final String[] IMPORTS = {
    "package test;",
    "import dev.fanout.*;",
    "import java.time.Duration;",
    "import java.util.*;",
    "import java.util.concurrent.*;",
    "import java.util.stream.Stream;",
  };

  /** {@code test.Foo}: an abstract class with {@code body}. */
  private static JavaFileObject foo(String... body) {
    return file("Foo", "public abstract class Foo {", body);
  }

  private static JavaFileObject file(String name, String declaration, String... body) {
    List<String> lines = new ArrayList<>(Arrays.asList(IMPORTS));
    lines.add(declaration);
    lines.addAll(Arrays.asList(body));
    lines.add("}");
    return source(name, lines.toArray(String[]::new));
  }

  private static void assertOneError(JavaFileObject file, String message, String line) {
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  // ---- task names --------------------------------------------------------------------------

  @Test
  void unknownTaskNameSuggestsTheClosest() {
    JavaFileObject file = foo(
        "  @Async String fetchUser(long id) { return null; }",
        "  @Async String orders(long id) { return null; }",
        "  @Gather(\"fetchUsr\") abstract List<String> all(long id);");
    assertOneError(file, "@Gather on \"all\" names task \"fetchUsr\", but \"Foo\" has no @Async"
        + " method of that name (its tasks are \"fetchUser\", \"orders\"); did you mean"
        + " \"fetchUser\"?", "@Gather(\"fetchUsr\")");
  }

  @Test
  void unknownTaskNameFarFromAnyListsTheNames() {
    JavaFileObject file = foo(
        "  @Async String alpha(long id) { return null; }",
        "  @Wait({\"alpha\", \"somethingElse\"}) abstract WaitResult<?> all(long id);");
    assertOneError(file, "(its tasks are \"alpha\"); add an @Async method \"somethingElse\"",
        "@Wait({");
  }

  @Test
  void aCollectionNamedLikeTheTaskParameterSaysToRenameIt() {
    JavaFileObject file = foo(
        "  @Async String user(long id) { return null; }",
        "  @Gather(\"user\") abstract List<String> users(List<Long> id);");
    assertOneError(file, "parameter \"id\" of \"users\" is a collection, but task \"user\" has a"
        + " parameter \"id\" (long), so the whole collection is bound to it by name; to run"
        + " \"user\" once per element, give the collection another name, e.g. \"ids\"",
        "List<Long> id)");
  }

  @Test
  void aRawGenericRecordCannotBeChecked() {
    JavaFileObject file = foo(
        "  record Pair<A>(Task<String> a, Task<Integer> b) {}",
        "  @Async Foo a(String s) { return null; }",
        "  @Async Integer b(String s) { return null; }",
        "  @SuppressWarnings(\"rawtypes\") @Wait({\"a\", \"b\"}) abstract Pair both(String s);");
    assertOneError(file, "\"both\" returns the raw type test.Foo.Pair, whose components cannot be"
        + " checked against the tasks; give test.Foo.Pair its type arguments", "Pair both(");
  }

  @Test
  void taskNamedTwice() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather({\"a\", \"a\"}) abstract List<String> all(long id);");
    assertOneError(file, "names task \"a\" twice", "@Gather({\"a\", \"a\"})");
  }

  @Test
  void emptyValue() {
    JavaFileObject file = foo("  @AsCompleted({}) abstract Stream<String> all();");
    assertOneError(file, "@AsCompleted on \"all\" names no task", "@AsCompleted({})");
  }

  // ---- task methods ------------------------------------------------------------------------

  @Test
  void privateTask() {
    JavaFileObject file = foo(
        "  @Async private String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "@Async method \"a\" is private", "private String a(");
  }

  @Test
  void abstractTask() {
    JavaFileObject file = foo(
        "  @Async abstract String a(long id);",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "@Async method \"a\" is abstract", "abstract String a(");
  }

  @Test
  void genericTask() {
    JavaFileObject file = foo(
        "  @Async <T> String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "@Async method \"a\" declares type parameters", "<T> String a(");
  }

  @Test
  void taskThrowingThrowable() {
    JavaFileObject file = foo(
        "  @Async String a(long id) throws Throwable { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "@Async method \"a\" throws java.lang.Throwable, which is neither an"
        + " Exception nor an Error, so the coordinator cannot run it as a task; throw an Exception"
        + " (or a subclass of it) instead", "throws Throwable");
  }

  @Test
  void taskResultTheCoordinatorCannotSee() {
    JavaFileObject file = foo(
        "  private record Secret(String s) {}",
        "  @Async Secret a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<?> all(long id);");
    assertOneError(file, "\"a\" uses \"test.Foo.Secret\", which the coordinator",
        "Secret a(long id)");
  }

  @Test
  void overloadedTask() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Async String a(String id) { return null; }",
        "  @Gather(\"b\") abstract List<String> all(long id);",
        "  @Async String b(long id) { return null; }");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorContaining("more than one @Async method named \"a\"")
        .inFile(file).onLineContaining("String a(long id)");
    assertThat(compilation).hadErrorContaining("more than one @Async method named \"a\"")
        .inFile(file).onLineContaining("String a(String id)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void taskReturningAFutureOfWildcard() {
    JavaFileObject file = foo(
        "  @Async CompletableFuture<?> a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<?> all(long id);");
    assertOneError(file, "returns java.util.concurrent.CompletableFuture<?>, whose value type is"
        + " not known", "CompletableFuture<?> a(");
  }

  @Test
  void taskThatIsAlsoAFanOutMethod() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Async @Gather(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "method \"all\" is both an @Async task and an @Gather fan-out method",
        "List<String> all(");
  }

  // ---- fan-out methods ---------------------------------------------------------------------

  @Test
  void fanOutMethodWithTwoStyles() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") @Wait(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "method \"all\" has both @Gather and @Wait, but a fan-out method has one"
        + " style; keep one of them", "@Gather(\"a\") @Wait(\"a\")");
  }

  @Test
  void fanOutMethodWithABody() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") List<String> all(long id) { return null; }");
    assertOneError(file, "@Gather method \"all\" has a body", "List<String> all(");
  }

  @Test
  void staticFanOutMethod() {
    JavaFileObject file = file("Foo", "public interface Foo {",
        "  @Async default String a(long id) { return null; }",
        "  @Gather(\"a\") static List<String> all(long id) { return null; }");
    assertOneError(file, "@Gather method \"all\" is static", "static List<String> all(");
  }

  @Test
  void genericFanOutMethod() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract <T> List<String> all(long id);");
    assertOneError(file, "@Gather method \"all\" declares type parameters", "<T> List<String>");
  }

  @Test
  void fanOutSignatureTheCoordinatorCannotSee() {
    JavaFileObject file = foo(
        "  private static class Secret {}",
        "  @Async String a(long id, List<Secret> secrets) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id, List<Secret> secrets);");
    assertOneError(file, "\"all\" uses \"test.Foo.Secret\", which the coordinator, a class of"
        + " its own in the same package, cannot see", "abstract List<String> all(");
  }

  @Test
  void twoFanOutAnnotations() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\")",
        "  @Wait(\"a\")",
        "  abstract List<String> all(long id);");
    assertOneError(file, "method \"all\" has both @Gather and @Wait", "@Wait(\"a\")");
  }

  @Test
  void abstractMethodThatIsNoFanOutMethod() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);",
        "  abstract String other();");
    assertOneError(file, "abstract method \"other\" of \"Foo\" is not a fan-out method",
        "abstract String other()");
  }

  // ---- attributes --------------------------------------------------------------------------

  @Test
  void malformedTimeout() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(value = \"a\",",
        "      timeout = \"2s\")",
        "  abstract List<String> all(long id);");
    assertOneError(file, "has timeout \"2s\", which is not an ISO-8601 duration",
        "timeout = \"2s\"");
  }

  @Test
  void zeroTimeout() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @AsCompleted(value = \"a\",",
        "      timeout = \"PT0S\")",
        "  abstract Stream<String> all(long id);");
    assertOneError(file, "@AsCompleted on \"all\" has the zero timeout \"PT0S\", so every call"
        + " would time out at once; give a positive duration", "timeout = \"PT0S\"");
  }

  @Test
  void negativeTimeout() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Wait(value = \"a\",",
        "      timeout = \"PT-1S\")",
        "  abstract WaitResult<String> all(long id);");
    assertOneError(file, "has the negative timeout \"PT-1S\"", "timeout = \"PT-1S\"");
  }

  @Test
  void negativeMaxConcurrency() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @AsCompleted(value = \"a\",",
        "      maxConcurrency = -1)",
        "  abstract Stream<String> all(long id);");
    assertOneError(file, "has maxConcurrency = -1, but it cannot be negative",
        "maxConcurrency = -1");
  }

  @Test
  void cancelOnFailureWithReturnExceptions() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(value = \"a\", returnExceptions = true,",
        "      cancelOnFailure = false)",
        "  abstract List<Outcome<String>> all(long id);");
    assertOneError(file, "@Gather on \"all\" sets cancelOnFailure, which means nothing with"
        + " returnExceptions = true, as no failure is thrown and every task runs to its end;"
        + " remove cancelOnFailure", "cancelOnFailure = false");
  }

  // ---- owners ------------------------------------------------------------------------------

  @Test
  void finalOwner() {
    JavaFileObject file = file("Foo", "public final class Foo {",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") List<String> all(long id) { return null; }");
    assertOneError(file, "class \"Foo\" is final", "public final class Foo");
  }

  @Test
  void concreteOwner() {
    JavaFileObject file = file("Foo", "public class Foo {",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") List<String> all(long id) { return null; }");
    assertOneError(file, "class \"Foo\" has fan-out methods but is not abstract",
        "public class Foo");
  }

  @Test
  void innerOwner() {
    JavaFileObject file = file("Outer", "public class Outer {",
        "  abstract class Inner {",
        "    @Async String a(long id) { return null; }",
        "    @Gather(\"a\") abstract List<String> all(long id);",
        "  }");
    assertOneError(file, "class \"Inner\" is an inner (non-static) class", "abstract class Inner");
  }

  @Test
  void privateOwner() {
    JavaFileObject file = file("Outer", "public class Outer {",
        "  private abstract static class Inner {",
        "    @Async String a(long id) { return null; }",
        "    @Gather(\"a\") abstract List<String> all(long id);",
        "  }");
    assertOneError(file, "\"Inner\" is private", "private abstract static class Inner");
  }

  @Test
  void enumOwner() {
    JavaFileObject file = file("Foo", "public enum Foo {",
        "  ONE;",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") List<String> all(long id) { return null; }");
    assertOneError(file, "\"Foo\" is an enum", "public enum Foo");
  }

  @Test
  void recordOwner() {
    JavaFileObject file = file("Foo", "public record Foo(int x) {",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") List<String> all(long id) { return null; }");
    assertOneError(file, "\"Foo\" is a record", "public record Foo");
  }

  @Test
  void sealedOwner() {
    JavaFileObject file = file("Foo", "public sealed interface Foo permits Foo.Impl {",
        "  non-sealed interface Impl extends Foo {}",
        "  @Async default String a(long id) { return null; }",
        "  @Gather(\"a\") List<String> all(long id);");
    assertOneError(file, "\"Foo\" is sealed, so its coordinator, which no permits clause names,"
        + " cannot extend it; remove sealed and the permits clause from \"Foo\"",
        "public sealed interface Foo");
  }

  @Test
  void ownerRedeclaringAnObjectMethodAbstract() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);",
        "  @Override public abstract String toString();");
    assertOneError(file, "abstract method \"toString\" of \"Foo\" is not a fan-out method",
        "public abstract String toString()");
  }

  @Test
  void constructorWithATypeTheCoordinatorCannotSee() {
    JavaFileObject file = foo(
        "  private static final class Config {}",
        "  Foo(Config config) {}",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "\"Foo\" uses \"test.Foo.Config\", which the coordinator, a class of"
        + " its own in the same package, cannot see; make \"test.Foo.Config\" package-private or"
        + " wider", "Foo(Config config)");
  }

  @Test
  void ownerWithoutAccessibleConstructor() {
    JavaFileObject file = foo(
        "  private Foo() {}",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "class \"Foo\" has no constructor that its coordinator can call",
        "public abstract class Foo");
  }

  @Test
  void constructorsWhoseMirrorsClash() {
    JavaFileObject file = foo(
        "  Foo() {}",
        "  Foo(Executor executor) {}",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "gives a second constructor (java.util.concurrent.Executor)",
        "Foo(Executor executor)");
  }

  @Test
  void coordinatorNameTaken() {
    JavaFileObject owner = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    JavaFileObject taken = source("FooCoordinator", "package test;", "class FooCoordinator {}");
    Compilation compilation = compile(owner, taken);
    assertThat(compilation).hadErrorContaining("fanout generates \"FooCoordinator\" for \"Foo\","
        + " but a type of that name already exists").inFile(owner)
        .onLineContaining("public abstract class Foo");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void coordinatorNameTakenUnderAWrappedEnvironment() {
    // Build tools may wrap javac's environment (Gradle does, for incremental processors).
    JavaFileObject owner = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(long id);");
    JavaFileObject taken = source("FooCoordinator", "package test;", "class FooCoordinator {}");
    Compilation compilation =
        compile(List.of(new OriginRecorder(new FanoutProcessor())), owner, taken);
    assertThat(compilation).hadErrorContaining("fanout generates \"FooCoordinator\" for \"Foo\","
        + " but a type of that name already exists").inFile(owner)
        .onLineContaining("public abstract class Foo");
    assertThat(compilation).hadErrorCount(1);
  }

  // ---- slots -------------------------------------------------------------------------------

  @Test
  void unboundTaskParameter() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all();");
    assertOneError(file, "parameter \"id\" of task \"a\" is not bound, as \"all\" has no"
        + " parameter of that name; add a parameter \"id\" of type long", "@Gather(\"a\")");
  }

  @Test
  void unusedFanOutParameter() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Async String b(long id) { return null; }",
        "  @Gather({\"a\", \"b\"}) abstract List<String> all(long id,",
        "      String extra);");
    assertOneError(file, "parameter \"extra\" of \"all\" is not used by any task",
        "String extra");
  }

  @Test
  void aTaskOverACollectionThatGainsAParameterReportsOnlyTheUnboundOne() {
    JavaFileObject file = foo(
        "  @Async String quote(String provider, String currency) { return null; }",
        "  @Gather(\"quote\") abstract List<String> quotes(List<String> providers);");
    assertOneError(file, "parameter \"currency\" of task \"quote\" is not bound: \"quotes\""
        + " runs \"quote\" once per element of \"providers\", but has no parameter"
        + " \"currency\"; add a parameter \"currency\" of type java.lang.String to \"quotes\"",
        "@Gather(\"quote\")");
  }

  @Test
  void theGainedParameterMayComeFirst() {
    JavaFileObject file = foo(
        "  @Async String quote(String currency, String provider) { return null; }",
        "  @Gather(\"quote\") abstract List<String> quotes(List<String> providers);");
    assertOneError(file, "parameter \"currency\" of task \"quote\" is not bound",
        "@Gather(\"quote\")");
  }

  @Test
  void twoTasksOverOneCollectionSayOnlyASingleTaskSiteRunsPerElement() {
    JavaFileObject file = foo(
        "  @Async String quote(String provider) { return null; }",
        "  @Async String rate(String provider) { return null; }",
        "  @Gather({\"quote\", \"rate\"}) abstract List<String> all(",
        "      List<String> providers);");
    assertOneError(file, "parameter \"providers\" of \"all\" is a collection, but only a site"
        + " that names a single task runs it once per element, and \"all\" names 2 (\"quote\","
        + " \"rate\"); give each task its own fan-out method over \"providers\"",
        "List<String> providers");
  }

  @Test
  void twoTasksOverOneCollectionStillReportAParameterItCannotFeed() {
    JavaFileObject file = foo(
        "  @Async String quote(String provider) { return null; }",
        "  @Async String rate(String provider, long day) { return null; }",
        "  @Gather({\"quote\", \"rate\"}) abstract List<String> all(List<String> providers);");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorContaining("only a site that names a single task")
        .inFile(file).onLineContaining("@Gather");
    assertThat(compilation).hadErrorContaining("parameter \"day\" of task \"rate\" is not bound")
        .inFile(file).onLineContaining("@Gather");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void twoCollectionsCouldFeedTheTask() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(List<Long> ids,",
        "      Set<Long> more);");
    assertOneError(file, "parameters \"ids\", \"more\" of \"all\" could each feed parameter"
        + " \"id\" of task \"a\"", "Set<Long> more");
  }

  @Test
  void parameterTypeDoesNotFit() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(String id);");
    assertOneError(file, "parameter \"id\" of \"all\" is java.lang.String, which does not fit"
        + " parameter \"id\" of task \"a\" (long)", "all(String id)");
  }

  @Test
  void elementTypeDoesNotFit() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(List<String> ids);");
    assertOneError(file, "the elements of \"ids\" of \"all\" are java.lang.String, which does"
        + " not fit parameter \"id\" of task \"a\" (long)", "all(List<String> ids)");
  }

  @Test
  void elementsOfALowerBoundedCollectionAreObjects() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(List<? super Long> ids);");
    assertOneError(file, "the elements of \"ids\" of \"all\" are java.lang.Object, which does"
        + " not fit parameter \"id\" of task \"a\" (long)", "List<? super Long> ids");
  }

  @Test
  void durationConsumedByATaskIsNoTimeout() {
    JavaFileObject file = foo(
        "  @Async String a(Duration timeout) { return null; }",
        "  @Gather(\"a\") abstract List<String> all(Duration timeout);");
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    String coordinator = generated(compilation, "test.FooCoordinator");
    assertTrue(coordinator.contains("new FanOutCall<>(executor, ALL);"), coordinator);
    assertTrue(coordinator.contains("() -> a(timeout)"), coordinator);
    assertFalse(coordinator.contains("call's timeout"), coordinator);
  }

  // ---- result shapes -----------------------------------------------------------------------

  @Test
  void slotDoesNotFitTheListElement() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Async int b(long id) { return 0; }",
        "  @Gather({\"a\", \"b\"}) abstract List<String> all(long id);");
    assertOneError(file, "task \"b\" of \"all\" gives java.lang.Integer, which does not fit the"
        + " element type of java.util.List<java.lang.String>", "List<String> all(");
  }

  @Test
  void slotDoesNotFitARecordComponent() {
    JavaFileObject file = foo(
        "  record Pair(String a, String b) {}",
        "  @Async String a(long id) { return null; }",
        "  @Async int b(long id) { return 0; }",
        "  @Gather({\"a\", \"b\"}) abstract Pair both(long id);");
    assertOneError(file, "task \"b\" of \"both\" gives java.lang.Integer, which does not fit"
        + " constructor parameter 2 of test.Foo.Pair (java.lang.String)", "Pair both(");
  }

  @Test
  void recordWithTheWrongNumberOfComponents() {
    JavaFileObject file = foo(
        "  record Pair(String a, String b) {}",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract Pair both(long id);");
    assertOneError(file, "\"both\" returns test.Foo.Pair, whose constructor takes 2"
        + " parameter(s), but the site names 1 task(s)", "Pair both(");
  }

  @Test
  void classWithSeveralConstructors() {
    JavaFileObject file = foo(
        "  static class Box { Box(String a) {} Box(int a) {} }",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract Box one(long id);");
    assertOneError(file, "returns test.Foo.Box, which has 2 constructors", "Box one(");
  }

  @Test
  void recordOverACollection() {
    JavaFileObject file = foo(
        "  record One(String a) {}",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract One one(List<Long> ids);");
    assertOneError(file, "\"one\" runs one task per element of \"ids\", so the number of"
        + " results is not fixed", "One one(");
  }

  @Test
  void unsupportedGatherShape() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract Map<String, String> all(long id);");
    assertOneError(file, "returns java.util.Map<java.lang.String,java.lang.String>, which"
        + " @Gather cannot produce; return List<T>, a record", "Map<String, String> all(");
  }

  @Test
  void unsupportedWaitShape() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Wait(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "which @Wait cannot produce; return WaitResult<T>, or a record whose"
        + " components are Task<T1>", "List<String> all(");
  }

  @Test
  void unsupportedAsCompletedShape() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @AsCompleted(\"a\") abstract List<String> all(long id);");
    assertOneError(file, "which @AsCompleted cannot produce; return Stream<T> or"
        + " Stream<Task<T>>", "List<String> all(");
  }

  @Test
  void outcomesWithoutReturnExceptions() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract List<Outcome<String>> all(long id);");
    assertOneError(file, "which holds Outcomes, but returnExceptions is false",
        "List<Outcome<String>> all(");
  }

  @Test
  void slotDoesNotFitTheStreamElement() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @AsCompleted(\"a\") abstract Stream<Integer> all(List<Long> ids);");
    assertOneError(file, "task \"a\" of \"all\" gives java.lang.String, which does not fit the"
        + " element type of java.util.stream.Stream<java.lang.Integer> (java.lang.Integer)",
        "Stream<Integer> all(");
  }

  @Test
  void slotDoesNotFitTheStreamsTaskHandles() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Async int b(long id) { return 0; }",
        "  @AsCompleted({\"a\", \"b\"}) abstract Stream<Task<String>> all(long id);");
    assertOneError(file, "task \"b\" of \"all\" gives java.lang.Integer, which does not fit the"
        + " Task value type (java.lang.String)", "Stream<Task<String>> all(");
  }

  @Test
  void slotDoesNotFitTheWaitResult() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Wait(\"a\") abstract WaitResult<Integer> all(List<Long> ids);");
    assertOneError(file, "task \"a\" of \"all\" gives java.lang.String, which does not fit the"
        + " element type of dev.fanout.WaitResult<java.lang.Integer>", "WaitResult<Integer> all(");
  }

  @Test
  void waitRecordComponentThatIsNoTask() {
    JavaFileObject file = foo(
        "  record Both(Task<String> a, String b) {}",
        "  @Async String a(long id) { return null; }",
        "  @Async String b(long id) { return null; }",
        "  @Wait({\"a\", \"b\"}) abstract Both both(long id);");
    assertOneError(file, "@Wait method \"both\" returns test.Foo.Both, whose constructor"
        + " parameter 2 is java.lang.String, but @Wait fills each with the Task handle of its"
        + " slot; declare it dev.fanout.Task<java.lang.String>", "Both both(");
  }

  @Test
  void waitRecordTaskThatDoesNotFitItsSlot() {
    JavaFileObject file = foo(
        "  record Both(Task<String> a, Task<Integer> b) {}",
        "  @Async String a(long id) { return null; }",
        "  @Async String b(long id) { return null; }",
        "  @Wait({\"a\", \"b\"}) abstract Both both(long id);");
    assertOneError(file, "task \"b\" of \"both\" gives dev.fanout.Task<java.lang.String>, which"
        + " does not fit constructor parameter 2 of test.Foo.Both"
        + " (dev.fanout.Task<java.lang.Integer>)", "Both both(");
  }

  @Test
  void returnExceptionsRecordWithoutOutcomes() {
    JavaFileObject file = foo(
        "  record Both(Outcome<String> a, String b) {}",
        "  @Async String a(long id) { return null; }",
        "  @Async String b(long id) { return null; }",
        "  @Gather(value = {\"a\", \"b\"}, returnExceptions = true)",
        "  abstract Both both(long id);");
    assertOneError(file, "@Gather method \"both\" sets returnExceptions = true, so each slot is"
        + " an Outcome, but it returns test.Foo.Both", "abstract Both both(");
  }

  @Test
  void returnExceptionsWithoutOutcomes() {
    JavaFileObject file = foo(
        "  @Async String a(long id) { return null; }",
        "  @Gather(value = \"a\", returnExceptions = true)",
        "  abstract List<String> all(long id);");
    assertOneError(file, "sets returnExceptions = true, so each slot is an Outcome, but it"
        + " returns java.util.List<java.lang.String>", "List<String> all(");
  }
}
