package dev.fanout.processor;

import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An error in an attribute points at the attribute's value, not at the method or the whole
 * annotation: the source text under the diagnostic's range is exactly the offending value.
 * (compile-testing checks lines only; this reads the diagnostic's positions itself.)
 */
class AttributeLocationTest {

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("an unknown task name", "@Gather({\"a\", \"fetchUsr\"})", "\"fetchUsr\""),
        Arguments.of("a task named twice", "@Gather({\"a\", \"b\", \"a\"})", "\"a\""),
        Arguments.of("an empty value", "@Gather(value = {}, maxConcurrency = 2)", "{}"),
        Arguments.of("a malformed timeout", "@Gather(value = \"a\", timeout = \"2s\")", "\"2s\""),
        Arguments.of("a negative timeout", "@Gather(value = \"a\", timeout = \"PT-1S\")",
            "\"PT-1S\""),
        Arguments.of("a zero timeout", "@Gather(value = \"a\", timeout = \"PT0S\")",
            "\"PT0S\""),
        Arguments.of("a negative maxConcurrency", "@Gather(value = \"a\", maxConcurrency = -1)",
            "-1"),
        Arguments.of("cancelOnFailure beside returnExceptions",
            "@Gather(value = \"a\", returnExceptions = true, cancelOnFailure = false)", "false"),
        Arguments.of("a task whose parameter is left unbound", "@Gather({\"a\", \"c\"})",
            "\"c\""),
        Arguments.of("a cycle, at its first task", "@Gather({\"a\", \"e\", \"d\"})", "\"e\""),
        Arguments.of("a dependency the site does not run", "@Gather({\"a\", \"f\"})",
            "\"f\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void anAttributeFaultPointsAtTheValue(String fault, String annotation, String value)
      throws IOException {
    boolean settles = annotation.contains("returnExceptions");
    JavaFileObject file = source("Foo",
        "package test;",
        "import dev.fanout.*;",
        "import java.util.*;",
        "public abstract class Foo {",
        "  @Async String a(long id) { return null; }",
        "  @Async String b(long id) { return null; }",
        "  @Async String c(long id, String region) { return null; }",
        "  @Async String d(String e) { return null; }",
        "  @Async String e(String d) { return null; }",
        "  @Async String f(String b) { return null; }",
        "  " + annotation + " abstract List<" + (settles ? "Outcome<String>" : "String")
            + "> all(long id);",
        "}");
    Compilation compilation = compile(file);
    List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
    assertEquals(1, errors.size(), fault + ": " + errors);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    String text = file.getCharContent(false).toString();
    assertEquals(value,
        text.substring((int) error.getStartPosition(), (int) error.getEndPosition()),
        fault + ": " + error.getMessage(null));
    // The column is the value's, on the annotation's line.
    String line = text.lines().skip(error.getLineNumber() - 1).findFirst().orElseThrow();
    assertEquals(line.indexOf(annotation) + annotation.lastIndexOf(value) + 1,
        error.getColumnNumber(), fault);
  }
}
