package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.generated;
import static dev.fanout.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Generated code compiles under {@code -Xlint:all -Werror} builds: deprecated tasks, owners,
 * fan-out methods and constructors get a narrow {@code @SuppressWarnings} on the generated member
 * that uses them, and the processor claims its own annotations.
 */
class StrictBuildTest {

  @Test
  void aDeprecatedTaskIsSuppressedOnTheFanOutMethodThatCallsIt() {
    String out = coordinator(
        "public abstract class Foo {",
        "  @Deprecated @Async String old(long id) { return null; }",
        "  @Async String fresh(long id) { return null; }",
        "  @Gather(\"old\") abstract List<String> olds(List<Long> ids);",
        "  @Gather(\"fresh\") abstract List<String> freshes(List<Long> ids);",
        "}");
    assertEquals(1, count(out, "@SuppressWarnings"), out);
    assertTrue(out.contains("  @Override\n  @SuppressWarnings(\"deprecation\")\n"
        + "  List<String> olds("), out);
  }

  @Test
  void aTaskDeprecatedForRemovalIsSuppressedAsRemoval() {
    String out = coordinator(
        "public abstract class Foo {",
        "  @Deprecated(forRemoval = true) @Async String old(long id) { return null; }",
        "  @Deprecated @Async static int older(long id) { return 0; }",
        "  record Pair(String old, Integer older) {}",
        "  @Gather({\"old\", \"older\"}) abstract Pair both(long id);",
        "}");
    assertTrue(out.contains("@SuppressWarnings({\"deprecation\", \"removal\"})\n"
        + "  Foo.Pair both("), out);
  }

  @Test
  void aDeprecatedOwnerIsSuppressedOnTheCoordinatorClass() {
    String out = coordinator(
        "@Deprecated",
        "public abstract class Foo {",
        "  @Async static String user(long id) { return null; }",
        "  record Pair(String user) {}",
        "  @Gather(\"user\") abstract Pair one(long id);",
        "}");
    assertEquals(1, count(out, "@SuppressWarnings"), out);
    assertTrue(out.contains("@SuppressWarnings(\"deprecation\")\npublic class FooCoordinator")
        || out.contains("@SuppressWarnings(\"deprecation\")\npublic final class FooCoordinator"),
        out);
  }

  @Test
  void anInterfaceOwnerDeprecatedForRemovalIsSuppressedAsRemoval() {
    String out = coordinator(
        "@Deprecated(forRemoval = true)",
        "public interface Foo {",
        "  @Async default String user(long id) { return null; }",
        "  @Gather(\"user\") List<String> users(List<Long> ids);",
        "}");
    assertEquals(1, count(out, "@SuppressWarnings"), out);
    assertTrue(out.contains("@SuppressWarnings(\"removal\")\npublic"), out);
  }

  @Test
  void aNestedOwnerInADeprecatedClassIsSuppressed() {
    nestedCoordinator("Outer", "Outer_FooCoordinator",
        "@Deprecated",
        "public class Outer {",
        "  public abstract static class Foo {",
        "    @Async String user(long id) { return null; }",
        "    @Gather(\"user\") abstract List<String> users(List<Long> ids);",
        "  }",
        "}");
  }

  @Test
  void aDeprecatedFanOutMethodIsSuppressedOnItsOverride() {
    String out = coordinator(
        "public abstract class Foo {",
        "  @Async String user(long id) { return null; }",
        "  @Deprecated @Gather(\"user\") abstract List<String> users(List<Long> ids);",
        "  @Deprecated(forRemoval = true) @AsCompleted(\"user\")",
        "  abstract Stream<String> ready(List<Long> ids);",
        "  @Wait(\"user\") abstract WaitResult<String> all(List<Long> ids);",
        "}");
    assertEquals(2, count(out, "@SuppressWarnings"), out);
    assertTrue(out.contains("@SuppressWarnings(\"deprecation\")\n  List<String> users("), out);
    assertTrue(out.contains("@SuppressWarnings(\"removal\")\n  Stream<String> ready("), out);
  }

  @Test
  void aDeprecatedConstructorIsSuppressedOnBothMirrors() {
    String out = coordinator(
        "public abstract class Foo {",
        "  @Deprecated protected Foo() {}",
        "  @Deprecated(forRemoval = true) protected Foo(String region) {}",
        "  @Async String user(long id) { return null; }",
        "  @Gather(\"user\") abstract List<String> users(List<Long> ids);",
        "}");
    assertEquals(4, count(out, "@SuppressWarnings"), out);
    assertEquals(2, count(out, "@SuppressWarnings(\"removal\")\n  public FooCoordinator("), out);
  }

  @Test
  void claimsItsOwnAnnotationsSoOnlyTheJdksGeneratedIsUnclaimed() {
    JavaFileObject file = source("Foo", imports(
        "public abstract class Foo {",
        "  @Async String user(long id) { return null; }",
        "  @Gather(\"user\") abstract List<String> users(List<Long> ids);",
        "  @Wait(\"user\") abstract WaitResult<String> first(List<Long> ids);",
        "  @AsCompleted(\"user\") abstract Stream<String> ready(List<Long> ids);",
        "}"));
    Compilation compilation = javac().withProcessors(new FanoutProcessor())
        .withOptions("-Xlint:all").compile(file);
    assertThat(compilation).succeeded();
    List<String> warnings = compilation.warnings().stream()
        .map(d -> d.getMessage(null)).toList();
    for (String warning : warnings) {
      assertFalse(warning.contains("dev.fanout"), warning);
      assertTrue(warning.contains("javax.annotation.processing.Generated"), warning);
    }
    assertTrue(warnings.size() <= 1, warnings.toString());
  }

  @Test
  void leavesAnotherProcessorsAnnotationsUnclaimed() {
    JavaFileObject marker = source("Marker", "package test;",
        "public @interface Marker {}");
    JavaFileObject file = source("Foo", imports(
        "@Marker public abstract class Foo {",
        "  @Async String user(long id) { return null; }",
        "  @Gather(\"user\") abstract List<String> users(List<Long> ids);",
        "}"));
    Compilation compilation = javac().withProcessors(new FanoutProcessor())
        .withOptions("-Xlint:all").compile(marker, file);
    assertThat(compilation).succeeded();
    assertTrue(compilation.warnings().stream().map(d -> d.getMessage(null))
        .anyMatch(w -> w.contains("test.Marker") && !w.contains("dev.fanout")),
        compilation.warnings().toString());
  }

  /** Compiles {@code test.Foo} under -Xlint:all,-processing -Werror; returns FooCoordinator. */
  private static String coordinator(String... lines) {
    return nestedCoordinator("Foo", "FooCoordinator", lines);
  }

  private static String nestedCoordinator(String file, String name, String... lines) {
    Compilation compilation = compile(source(file, imports(lines)));
    assertThat(compilation).succeededWithoutWarnings();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      assertFalse(d.getKind() == Diagnostic.Kind.WARNING, d.toString());
    }
    return generated(compilation, "test." + name);
  }

  private static String[] imports(String... lines) {
    List<String> all = new java.util.ArrayList<>(List.of(
        "package test;",
        "import dev.fanout.*;",
        "import java.util.*;",
        "import java.util.stream.Stream;"));
    all.addAll(List.of(lines));
    return all.toArray(String[]::new);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
