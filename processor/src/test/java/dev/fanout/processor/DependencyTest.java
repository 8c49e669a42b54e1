package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.generated;
import static dev.fanout.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Task dependencies at compile time (SPEC "Task dependencies"): how a parameter named after a
 * task binds, and one test per error, anchored to its line, with no follow-on error.
 */
class DependencyTest {
  private static final String[] IMPORTS = {
    "package test;",
    "import dev.fanout.*;",
    "import java.util.*;",
    "import java.util.concurrent.*;",
  };

  /** {@code test.Foo}: an abstract class with {@code body}. */
  private static JavaFileObject foo(String... body) {
    List<String> lines = new ArrayList<>(Arrays.asList(IMPORTS));
    lines.add("public abstract class Foo {");
    lines.addAll(Arrays.asList(body));
    lines.add("}");
    return source("Foo", lines.toArray(String[]::new));
  }

  private static void assertOneError(JavaFileObject file, String message, String line) {
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  /** The coordinator, which must compile without a warning. */
  private static String coordinator(JavaFileObject file) {
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    return generated(compilation, "test.FooCoordinator");
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "no <" + part + "> in:\n" + text);
    }
  }

  // ---- binding -----------------------------------------------------------------------------

  @Test
  void aParameterNamedAfterATaskOfTheSiteTakesItsResult() {
    String coordinator = coordinator(foo(
        "  @Async String user(long id) { return null; }",
        "  @Async int orders(CharSequence user) { return 0; }",
        "  @Gather({\"user\", \"orders\"}) abstract List<Object> all(long id);"));
    assertContains(coordinator, "new FanOutCall<>(executor, ALL, 2)",
        "Task<String> user = call.submit(0, \"user\", () -> user(id));",
        "call.submit(1, \"orders\", () -> orders(user.result()), Dependency.on(user));");
  }

  @Test
  void aStageTaskGivesItsValueAndAPrimitiveParameterTakesItUnboxed() {
    String coordinator = coordinator(foo(
        "  @Async CompletableFuture<Integer> count(long id) { return null; }",
        "  @Async CompletionStage<String> label(int count) { return null; }",
        "  @Gather({\"count\", \"label\"}) abstract List<Object> all(long id);"));
    assertContains(coordinator,
        "call.submitStage(1, \"label\", () -> label(count.result()), Dependency.on(count));");
  }

  @Test
  void outcomeParametersTakeTheOutcomeInEachDeclaredForm() {
    String coordinator = coordinator(foo(
        "  @Async String user(long id) { return null; }",
        "  @Async int a(Outcome<String> user) { return 0; }",
        "  @Async int b(Outcome<? super String> user) { return 0; }",
        "  @Async int c(Outcome<?> user) { return 0; }",
        "  @Gather(value = {\"user\", \"a\", \"b\", \"c\"}, returnExceptions = true)",
        "  abstract List<Outcome<Object>> all(long id);"));
    assertContains(coordinator,
        "call.submit(1, \"a\", () -> a(user.outcome()), Dependency.onOutcome(user));",
        "call.submit(2, \"b\", () -> b(user.outcome()), Dependency.onOutcome(user));",
        "call.submit(3, \"c\", () -> c(user.outcome()), Dependency.onOutcome(user));");
  }

  @Test
  void aParameterNamedAfterATaskOutsideTheSiteBindsToTheFanOutParameter() {
    String coordinator = coordinator(foo(
        "  @Async String user(long id) { return null; }",
        "  @Async String orders(String user) { return null; }",
        "  @Gather(\"orders\") abstract List<String> all(String user);"));
    assertContains(coordinator, "call.submit(\"orders\", () -> orders(user));");
  }

  @Test
  void aSiteThatRunsOneTaskPerElementHasNoDependencies() {
    String coordinator = coordinator(foo(
        "  @Async String user(long id) { return null; }",
        "  @Async String detail(long user) { return null; }",
        "  @Gather(\"detail\") abstract List<String> details(List<Long> users);"));
    assertContains(coordinator, "TaskFunction<Long, String> detail = user -> detail(user);",
        "for (Long user : users)", "call.submit(\"detail\", detail, user);");
  }

  @Test
  void dependenciesAreSubmittedFirstWithTheirSlotIndexes() {
    String coordinator = coordinator(foo(
        "  @Async String c(String b) { return null; }",
        "  @Async String b(String a) { return null; }",
        "  @Async String a(long id) { return null; }",
        "  @Async String d(long id) { return null; }",
        "  @Gather({\"c\", \"d\", \"b\", \"a\"}) abstract List<String> all(long id);"));
    int a = coordinator.indexOf("submit(3, \"a\"");
    int b = coordinator.indexOf("submit(2, \"b\"");
    int c = coordinator.indexOf("submit(0, \"c\"");
    int d = coordinator.indexOf("submit(1, \"d\"");
    assertTrue(a > 0 && a < b && b < c && d > 0 && d < a,
        "d (ready, slot 1) and a (ready, slot 3) first, then b, then c:\n" + coordinator);
  }

  @Test
  void anOverloadedTaskGetsItsDependencyCast() {
    String coordinator = coordinator(foo(
        "  @Async Integer size(long id) { return 0; }",
        "  @Async String show(long size) { return null; }",
        "  String show(Object size) { return null; }",
        "  @Gather({\"size\", \"show\"}) abstract List<Object> all(long id);"));
    assertContains(coordinator, "show((long) size.result())");
  }

  @Test
  void aTaskThatTakesManyResultsWrapsItsArgumentsWithinTheLine() {
    List<String> body = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      body.add("  @Async Integer part" + i + "(long id) { return 0; }");
      parameters.add("Integer part" + i);
      names.add("\"part" + i + "\"");
    }
    body.add("  @Async Integer total(" + String.join(", ", parameters) + ") { return 0; }");
    body.add("  @Gather({" + String.join(", ", names) + ", \"total\"})");
    body.add("  abstract List<Integer> all(long id);");
    String coordinator = coordinator(foo(body.toArray(String[]::new)));
    assertContains(coordinator, "total(part0.result(), part1.result(),", "Dependency.on(part11));");
    for (String line : coordinator.split("\n")) {
      assertTrue(line.length() <= 100, () -> "longer than 100 columns: " + line);
    }
  }

  // ---- errors ------------------------------------------------------------------------------

  @Test
  void aNameThatIsBothATaskOfTheSiteAndAFanOutParameterIsAmbiguous() {
    JavaFileObject file = foo(
        "  @Async String user(long id) { return null; }",
        "  @Async String orders(String user) { return null; }",
        "  @Gather({\"user\", \"orders\"})",
        "  abstract List<String> all(long id,",
        "      String user);");
    assertOneError(file, "parameter \"user\" of task \"orders\" could take the result of task"
        + " \"user\", which \"all\" runs, or parameter \"user\" of \"all\"; rename parameter"
        + " \"user\" of \"all\"", "String user);");
  }

  @Test
  void aDependencyOnATaskNotInTheSiteSaysToAddIt() {
    JavaFileObject file = foo(
        "  @Async String user(long id) { return null; }",
        "  @Async String orders(String user) { return null; }",
        "  @Async String score(long id) { return null; }",
        "  @Gather({\"score\",",
        "      \"orders\"}) abstract List<String> all(long id);");
    assertOneError(file, "parameter \"user\" of task \"orders\" is named after task \"user\","
        + " which \"all\" does not run, and \"all\" has no parameter of that name; add \"user\""
        + " to the value of @Gather to pass its result, or add a parameter \"user\" of type"
        + " java.lang.String to \"all\"", "\"orders\"}) abstract");
  }

  @Test
  void aDependencyOnATaskNotInAOneTaskSiteSaysToAddIt() {
    JavaFileObject file = foo(
        "  @Async String user(long id) { return null; }",
        "  @Async String orders(String user) { return null; }",
        "  @Wait(\"orders\") abstract WaitResult<String> all();");
    assertOneError(file, "add \"user\" to the value of @Wait", "@Wait(\"orders\")");
  }

  @Test
  void aCycleIsNamedInOrder() {
    JavaFileObject file = foo(
        "  @Async String user(String orders) { return null; }",
        "  @Async String orders(String user) { return null; }",
        "  @Async String score(long id) { return null; }",
        "  @Gather({\"score\",",
        "      \"user\", \"orders\"}) abstract List<String> all(long id);");
    assertOneError(file, "the tasks of @Gather on \"all\" depend on each other in a cycle,"
        + " \"user\" \u2192 \"orders\" \u2192 \"user\", so none of them can start; break it by"
        + " renaming or removing one of the parameters named after a task",
        "\"user\", \"orders\"})");
  }

  @Test
  void aLongerCycleIsNamedAsResultsFlow() {
    JavaFileObject file = foo(
        "  @Async String a(String c) { return null; }",
        "  @Async String b(String a) { return null; }",
        "  @Async String c(String b) { return null; }",
        "  @AsCompleted({\"a\", \"b\", \"c\"}) abstract java.util.stream.Stream<String> all();");
    assertOneError(file, "\"a\" \u2192 \"b\" \u2192 \"c\" \u2192 \"a\"", "@AsCompleted(");
  }

  @Test
  void aTaskThatReadsItselfIsACycle() {
    JavaFileObject file = foo(
        "  @Async String user(long id, String user) { return null; }",
        "  @Async String orders(long id) { return null; }",
        "  @Gather({\"orders\", \"user\"}) abstract List<String> all(long id);");
    assertOneError(file, "in a cycle, \"user\" \u2192 \"user\",", "@Gather(");
  }

  @Test
  void aTaskThatReadsItselfInAOneTaskSiteIsACycle() {
    JavaFileObject file = foo(
        "  @Async String user(long id, String user) { return null; }",
        "  @Gather(\"user\") abstract List<String> all(long id);");
    assertOneError(file, "in a cycle, \"user\" \u2192 \"user\",", "@Gather(");
  }

  @Test
  void aParameterThatDoesNotAcceptTheResult() {
    JavaFileObject file = foo(
        "  @Async String user(long id) { return null; }",
        "  @Async String orders(",
        "      int user) { return null; }",
        "  @Gather({\"user\", \"orders\"}) abstract List<String> all(long id);");
    assertOneError(file, "parameter \"user\" of task \"orders\" is int, which does not accept the"
        + " result of task \"user\" (java.lang.String); declare it as java.lang.String, or as"
        + " dev.fanout.Outcome<java.lang.String> to take its outcome", "int user)");
  }

  @Test
  void aStageResultIsItsValueNotTheFuture() {
    JavaFileObject file = foo(
        "  @Async CompletableFuture<String> user(long id) { return null; }",
        "  @Async String orders(",
        "      CompletableFuture<String> user) { return null; }",
        "  @Gather({\"user\", \"orders\"}) abstract List<String> all(long id);");
    assertOneError(file, "does not accept the result of task \"user\" (java.lang.String)",
        "CompletableFuture<String> user)");
  }

  @Test
  void anOutcomeParameterThatDoesNotAcceptTheOutcome() {
    JavaFileObject file = foo(
        "  @Async String user(long id) { return null; }",
        "  @Async String orders(",
        "      Outcome<Integer> user) { return null; }",
        "  @Gather({\"user\", \"orders\"}) abstract List<String> all(long id);");
    assertOneError(file, "parameter \"user\" of task \"orders\" is"
        + " dev.fanout.Outcome<java.lang.Integer>, which does not accept the outcome of task"
        + " \"user\" (dev.fanout.Outcome<java.lang.String>); declare it as"
        + " dev.fanout.Outcome<java.lang.String>, or as java.lang.String to take its result",
        "Outcome<Integer> user)");
  }

  @Test
  void anInheritedTaskWithAMismatchIsReportedOnTheSite() {
    JavaFileObject base = source("Base", "package test;", "import dev.fanout.*;",
        "public abstract class Base {",
        "  @Async protected String orders(int user) { return null; }",
        "}");
    JavaFileObject file = source("Foo", "package test;", "import dev.fanout.*;",
        "import java.util.*;",
        "public abstract class Foo extends Base {",
        "  @Async String user(long id) { return null; }",
        "  @Gather({\"user\",",
        "      \"orders\"}) abstract List<String> all(long id);",
        "}");
    Compilation compilation = compile(base, file);
    assertThat(compilation).hadErrorContaining("is int, which does not accept the result")
        .inFile(file).onLineContaining("\"orders\"})");
    assertThat(compilation).hadErrorCount(1);
  }
}
