package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Whole builds: every owner's errors in one build, good owners generated regardless, types from
 * other processors waited for, and no crash on odd input.
 */
class RobustnessTest {
  private static final String IMPORTS =
      "import dev.fanout.*; import java.util.*; import java.util.stream.Stream;";

  @Test
  void everyErrorOfEveryOwnerInOneBuildAndTheGoodOwnerGenerated() {
    JavaFileObject broken = source("Broken", "package test;", IMPORTS,
        "public abstract class Broken {",
        "  @Async private String a(long id) { return null; }",
        "  @Gather(\"b\") abstract List<String> all(long id);",
        "  @Gather(value = \"a\", timeout = \"soon\") abstract List<String> later(long id);",
        "}");
    JavaFileObject alsoBroken = source("AlsoBroken", "package test;", IMPORTS,
        "public interface AlsoBroken {",
        "  @Async default String a(long id) { return null; }",
        "  @AsCompleted(\"a\") List<String> all(long id, String unused);",
        "}");
    JavaFileObject good = good();
    // A failed compilation hides its generated files: the recorder sees them being created.
    OriginRecorder recorder = new OriginRecorder(new FanoutProcessor());
    Compilation compilation = compile(List.of(recorder), broken, alsoBroken, good);
    assertThat(compilation).hadErrorContaining("@Async method \"a\" is private").inFile(broken)
        .onLineContaining("private String a(");
    assertThat(compilation).hadErrorContaining("names task \"b\"").inFile(broken)
        .onLineContaining("@Gather(\"b\")");
    assertThat(compilation).hadErrorContaining("has timeout \"soon\"").inFile(broken)
        .onLineContaining("timeout = \"soon\"");
    assertThat(compilation).hadErrorContaining("parameter \"unused\" of \"all\" is not used")
        .inFile(alsoBroken).onLineContaining("String unused");
    assertThat(compilation).hadErrorContaining("which @AsCompleted cannot produce")
        .inFile(alsoBroken).onLineContaining("List<String> all(");
    assertThat(compilation).hadErrorCount(5);
    assertEquals(Set.of("test.GoodCoordinator"), recorder.origins().keySet());
  }

  @Test
  void oddInputEndsInCleanErrorsNeverInACrash() {
    JavaFileObject odd = source("Odd", "package test;", IMPORTS,
        "public abstract class Odd {",
        "  @Async String a(Missing id) { return null; }",
        "  @Gather(value = 42) abstract List<String> wrongType(long id);",
        "  @Wait(value = \"a\", returnWhen = null) abstract WaitResult<String> nullEnum(long id);",
        "  @Gather(\"a\") abstract NoSuchType<String> missingReturn(Missing id);",
        "  @AsCompleted(\"a\") abstract Stream raw(long id);",
        "  @interface Nested { @Gather(\"x\") String[] inAnnotation(); }",
        "  enum Kind { ONE; @Async String b() { return null; } }",
        "}");
    Compilation compilation = compile(odd);
    assertThat(compilation).failed();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(null);
      assertFalse(message.contains("internal error in the fanout processor"), message);
      assertFalse(message.contains("An exception has occurred"), message);
    }
  }

  @Test
  void aFailedWriteIsAnErrorOnTheOwner() {
    JavaFileObject good = good();
    OriginRecorder failing =
        new OriginRecorder(new FanoutProcessor(), new FilerException("disk full"));
    Compilation compilation = compile(List.of(failing), good);
    assertThat(compilation).hadErrorContaining("could not write \"test.GoodCoordinator\":"
        + " javax.annotation.processing.FilerException: disk full").inFile(good)
        .onLineContaining("public interface Good");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void anUnexpectedExceptionIsAnInternalErrorOnTheOwnerNotACrash() {
    JavaFileObject good = good();
    OriginRecorder failing =
        new OriginRecorder(new FanoutProcessor(), new IllegalStateException("boom"));
    Compilation compilation = compile(List.of(failing), good);
    assertThat(compilation).hadErrorContaining("internal error in the fanout processor")
        .inFile(good).onLineContaining("public interface Good");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: boom");
    assertThat(compilation).hadErrorCount(1);
  }

  private static JavaFileObject good() {
    return source("Good", "package test;", IMPORTS,
        "public interface Good {",
        "  @Async default String a(long id) { return null; }",
        "  @Gather(\"a\") List<String> all(List<Long> ids);",
        "}");
  }

  @Test
  void anOwnerWaitsForATypeThatAnotherProcessorGenerates() {
    JavaFileObject owner = source("Late", "package test;", IMPORTS,
        "public abstract class Late {",
        "  @Async String a(long id) { return null; }",
        "  @Async String b(long id) { return null; }",
        "  @Gather({\"a\", \"b\"}) abstract Pair both(long id);",
        "}");
    Compilation compilation = compile(List.of(new PairGenerator(), new FanoutProcessor()), owner);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(compilation.generatedSourceFile("test.LateCoordinator").isPresent());
  }

  @Test
  void aTypeThatNeverAppearsIsReportedOnTheOwner() {
    JavaFileObject owner = source("Never", "package test;", IMPORTS,
        "public abstract class Never {",
        "  @Async String a(long id) { return null; }",
        "  @Gather(\"a\") abstract Missing one(long id);",
        "}");
    Compilation compilation = compile(owner);
    assertThat(compilation).hadErrorContaining("type \"Missing\" used by \"Never\" does not"
        + " exist, so no coordinator was generated").inFile(owner)
        .onLineContaining("public abstract class Never");
  }

  /** Stands for another processor: generates {@code test.Pair} in the first round. */
  private static final class PairGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile("test.Pair").openWriter()) {
          writer.write("package test; public record Pair(String a, String b) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
