package dev.fanout.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jars as a user meets them, outside Maven: {@code javac} and {@code java} run as
 * separate processes on the packaged (shaded) processor jar and the annotations jar, nothing else.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PublishedJarsTest {
  private static final Path PROCESSOR_JAR = jar("fanout.processorJar");
  private static final Path ANNOTATIONS_JAR = jar("fanout.annotationsJar");

  private static final String OWNER = """
      package app;

      import dev.fanout.Async;
      import dev.fanout.Gather;
      import java.util.List;

      public abstract class Greetings {
        @Async
        String greet(String name) {
          return "hello " + name;
        }

        @Gather("greet")
        public abstract List<String> greetAll(List<String> names);
      }
      """;

  private static final String MAIN = """
      package app;

      import java.util.List;

      public class Main {
        public static void main(String[] args) {
          System.out.println(new GreetingsCoordinator().greetAll(List.of("Ann", "Bo")));
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void theProcessorJarAloneOnABareProcessorPathGeneratesTheCoordinator() throws Exception {
    List<Path> sources = List.of(write("src/app/Greetings.java", OWNER),
        write("src/app/Main.java", MAIN));
    run(javac("-processorpath", PROCESSOR_JAR.toString(),
        "-classpath", ANNOTATIONS_JAR.toString()), sources);

    String coordinator = Files.readString(dir.resolve("gen/app/GreetingsCoordinator.java"));
    assertTrue(coordinator.contains("@Generated(\"dev.fanout.processor.FanoutProcessor\")"),
        coordinator);
    assertEquals("[hello Ann, hello Bo]", run(List.of(java(), "-cp",
        dir.resolve("classes") + File.pathSeparator + ANNOTATIONS_JAR, "app.Main"), List.of()));
  }

  @Test
  void generatedCodeCompilesAndRunsInANamedModuleThatDoesNotReadJavaCompiler() throws Exception {
    List<Path> sources = List.of(
        write("src/module-info.java", "module app {\n  requires dev.fanout;\n}\n"),
        write("src/app/Greetings.java", OWNER),
        write("src/app/Main.java", MAIN));
    run(javac("-processorpath", PROCESSOR_JAR.toString(),
        "--module-path", ANNOTATIONS_JAR.toString()), sources);

    String coordinator = Files.readString(dir.resolve("gen/app/GreetingsCoordinator.java"));
    assertFalse(coordinator.contains("Generated"), coordinator);
    assertEquals("[hello Ann, hello Bo]", run(List.of(java(), "--module-path",
        dir.resolve("classes") + File.pathSeparator + ANNOTATIONS_JAR, "-m", "app/app.Main"),
        List.of()));
  }

  /**
   * Gradle is not on these machines: the sample in {@code examples/gradle} is checked statically
   * (its coordinates and the processor on {@code annotationProcessor}), and its sources are
   * compiled and run as its build would, with the processor jar as the processor path.
   */
  @Test
  void theGradleSampleNamesThePublishedCoordinatesAndItsSourcesCompileAndRun() throws Exception {
    Path sample = Path.of(System.getProperty("fanout.gradleSample", "../examples/gradle"));
    String build = Files.readString(sample.resolve("build.gradle.kts"));
    String version = System.getProperty("fanout.version", "0.1.0-SNAPSHOT");
    assertTrue(build.contains("val fanoutVersion = \"" + version + "\""), build);
    assertTrue(build.contains("implementation(\"dev.fanout:fanout-annotations:$fanoutVersion\")"),
        build);
    assertTrue(build.contains("annotationProcessor(\"dev.fanout:fanout-processor:$fanoutVersion\")"),
        build);

    List<Path> sources;
    try (var files = Files.walk(sample.resolve("src/main/java"))) {
      sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
    run(javac("-processorpath", PROCESSOR_JAR.toString(),
        "-classpath", ANNOTATIONS_JAR.toString()), sources);
    assertEquals("Lisbon: sunny\nOslo: sunny\nKyoto: sunny", run(List.of(java(), "-cp",
        dir.resolve("classes") + File.pathSeparator + ANNOTATIONS_JAR,
        "dev.fanout.examples.gradle.Main"), List.of()));
  }

  @Test
  void theProcessorJarHoldsJavaPoetOnlyUnderFanoutsOwnPackage() throws IOException {
    try (JarFile jar = new JarFile(PROCESSOR_JAR.toFile())) {
      List<String> classes = jar.stream().map(JarEntry::getName)
          .filter(name -> name.endsWith(".class")).toList();
      assertTrue(classes.contains("dev/fanout/processor/shaded/javapoet/JavaFile.class"),
          "JavaPoet shaded into the jar");
      assertEquals(List.of(), classes.stream()
          .filter(name -> !name.startsWith("dev/fanout/processor/")).toList(),
          "classes outside dev.fanout.processor could clash with the user's own");
      assertTrue(jar.getEntry("META-INF/LICENSE") != null, "the license is in the jar");
    }
  }

  /** javac with warnings as errors, writing classes to {@code classes/}, sources to {@code gen/}. */
  private List<String> javac(String... options) {
    List<String> command = new ArrayList<>(List.of(tool("javac"),
        "--release", "17", "-Xlint:all,-processing", "-Werror",
        "-d", dir.resolve("classes").toString(), "-s", dir.resolve("gen").toString()));
    command.addAll(List.of(options));
    return command;
  }

  private static String java() {
    return tool("java");
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** Runs {@code command} on {@code files}; its output, trimmed, when it exits with 0. */
  private String run(List<String> command, List<Path> files) throws Exception {
    List<String> all = new ArrayList<>(command);
    files.forEach(file -> all.add(file.toString()));
    Process process = new ProcessBuilder(all).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", all) + "\n" + output);
    return output.trim();
  }

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** A packaged jar that the build names in a system property (see this module's pom). */
  private static Path jar(String property) {
    Path jar = Path.of(System.getProperty(property, "(unset: run through Maven)"));
    if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(property + " = " + jar + " is not a packaged jar: run"
          + " `mvn verify`, which packages the processor before these tests");
    }
    return jar;
  }
}
