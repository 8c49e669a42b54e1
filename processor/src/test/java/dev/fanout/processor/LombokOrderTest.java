package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.fanout.processor.Compilations.generated;
import static dev.fanout.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.Executor;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's advice: with Lombok first on the processor path, an owner whose constructor
 * Lombok writes gets a coordinator that mirrors it, compiles warning-free and runs.
 */
class LombokOrderTest {
  private static final JavaFileObject OWNER = source("Quotes",
      "package test;",
      "import dev.fanout.*;",
      "import java.util.*;",
      "import lombok.Getter;",
      "import lombok.RequiredArgsConstructor;",
      "@RequiredArgsConstructor",
      "public abstract class Quotes {",
      "  @Getter private final String currency;",
      "  @Async String quote(String provider) { return provider + \" in \" + currency; }",
      "  @Gather(\"quote\") public abstract List<String> quotes(List<String> providers);",
      "}");

  @Test
  @Timeout(60)
  void lombokFirstThenFanoutMirrorsTheConstructorLombokWrote() throws Exception {
    Compilation compilation = compile(lombok(), new FanoutProcessor());
    assertThat(compilation).succeededWithoutWarnings();
    String coordinator = generated(compilation, "test.QuotesCoordinator");
    assertTrue(coordinator.contains("public QuotesCoordinator(String currency) {"), coordinator);
    assertTrue(coordinator.contains("public QuotesCoordinator(Executor executor, String currency)"),
        coordinator);

    Executor direct = Runnable::run;
    Object quotes = new GeneratedCodeRunsTest.CompiledClasses(compilation)
        .loadClass("test.QuotesCoordinator")
        .getConstructor(Executor.class, String.class).newInstance(direct, "EUR");
    Object result = quotes.getClass().getMethod("quotes", List.class)
        .invoke(quotes, List.of("a", "b"));
    assertEquals(List.of("a in EUR", "b in EUR"), result);
  }

  /**
   * Why the order matters: run first, fanout sees the owner before Lombok has added its
   * constructor, and the coordinator calls one that is not there.
   */
  @Test
  @Timeout(60)
  void fanoutBeforeLombokMirrorsNoConstructorAndFails() throws Exception {
    Compilation compilation = compile(new FanoutProcessor(), lombok());
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("constructor Quotes in class test.Quotes cannot be"
        + " applied to given types");
  }

  /** Lombok's processor, as its jar registers it (the class is not public). */
  private static Processor lombok() throws ReflectiveOperationException {
    Constructor<?> constructor =
        Class.forName("lombok.launch.AnnotationProcessorHider$AnnotationProcessor")
            .getDeclaredConstructor();
    constructor.setAccessible(true);
    return (Processor) constructor.newInstance();
  }

  private static Compilation compile(Processor... processors) {
    return javac()
        .withProcessors(processors)
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(OWNER);
  }
}
