package dev.fanout.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, as a user's build would, warnings as errors. */
final class Compilations {
  private Compilations() {}

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(new FanoutProcessor()), sources);
  }

  static Compilation compile(List<Processor> processors, JavaFileObject... sources) {
    return javac()
        .withProcessors(processors)
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(Arrays.asList(sources));
  }

  /** A source under {@code src/test/resources/owners/}. */
  static JavaFileObject owner(String path) {
    return JavaFileObjects.forResource("owners/" + path);
  }

  /** An inline source named {@code test/<name>.java}, one string per line. */
  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }

  /** The generated source of {@code qualifiedName}, exactly as written. */
  static String generated(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName + "\n"
            + compilation.diagnostics()));
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
