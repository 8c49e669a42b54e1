package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.generated;
import static dev.fanout.processor.Compilations.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.fanout.Async;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the processor under the Eclipse compiler (ECJ), an old release and a current one, and
 * checks that it generates exactly what it generates under javac, and that the result compiles.
 * Each ECJ jar (copied to {@code fanout.ecjDir} by the build) is loaded in a class loader of its
 * own, so that two versions never meet on one class path.
 */
class EclipseCompilerTest {
  /** Owner source under {@code owners/} → its coordinator. */
  private static final Map<String, String> OWNERS = Map.of(
      "dev/example/dashboard/Dashboard.java", "dev.example.dashboard.DashboardCoordinator",
      "dev/example/inventory/Inventory.java", "dev.example.inventory.InventoryCoordinator",
      "dev/example/repo/Repos.java", "dev.example.repo.Repos_RepoCoordinator",
      "dev/example/client/Client.java", "dev.example.client.ClientCoordinator",
      "dev/example/catalog/Catalog.java", "dev.example.catalog.CatalogCoordinator",
      "dev/example/profile/Profile.java", "dev.example.profile.ProfileCoordinator",
      "dev/example/pipeline/Pipeline.java", "dev.example.pipeline.PipelineCoordinator");

  private static final Path ECJ_DIR = Path.of(System.getProperty("fanout.ecjDir", "target/ecj"));

  @ParameterizedTest(name = "ECJ {0}")
  @ValueSource(strings = {"3.33.0", "3.46.100"})
  @Timeout(120)
  void generatesWhatJavacGenerates(String version, @TempDir Path out) throws Exception {
    Map<String, String> byEcj = compileWithEcj(ECJ_DIR.resolve("ecj-" + version + ".jar"), out);
    Map<String, String> byJavac = compileWithJavac();
    assertEquals(byJavac.keySet(), byEcj.keySet());
    for (String coordinator : byJavac.keySet()) {
      assertEquals(byJavac.get(coordinator), byEcj.get(coordinator), coordinator);
    }
  }

  private static Map<String, String> compileWithJavac() {
    Map<String, String> sources = new TreeMap<>();
    for (Map.Entry<String, String> owner : OWNERS.entrySet()) {
      Compilation compilation = compile(owner(owner.getKey()));
      assertThat(compilation).succeededWithoutWarnings();
      sources.put(owner.getValue(), generated(compilation, owner.getValue()));
    }
    return sources;
  }

  /** Compiles every owner with ECJ and the processor; returns the generated coordinators. */
  private static Map<String, String> compileWithEcj(Path jar, Path out) throws Exception {
    assertTrue(Files.isRegularFile(jar), jar + " is missing: the build copies it");
    Path generated = Files.createDirectories(out.resolve("generated"));
    Path classes = Files.createDirectories(out.resolve("classes"));
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      JavaCompiler ecj = (JavaCompiler) loader
          .loadClass("org.eclipse.jdt.internal.compiler.tool.EclipseCompiler")
          .getConstructor().newInstance();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files =
          ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        files.setLocation(StandardLocation.CLASS_PATH, List.of(annotationsJar()));
        files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(generated.toFile()));
        files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
        List<File> sources = new ArrayList<>();
        for (String owner : OWNERS.keySet()) {
          sources.add(resource("owners/" + owner));
        }
        JavaCompiler.CompilationTask task = ecj.getTask(null, files, diagnostics,
            List.of("--release", "17", "-encoding", "UTF-8"), null,
            files.getJavaFileObjectsFromFiles(sources));
        task.setProcessors(List.of(new FanoutProcessor()));
        boolean ok = task.call();
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        assertTrue(ok && errors.isEmpty(), () -> "ECJ failed:\n" + describe(diagnostics));
      }
    }
    Map<String, String> coordinators = new TreeMap<>();
    for (String coordinator : OWNERS.values()) {
      Path file = generated.resolve(coordinator.replace('.', '/') + ".java");
      assertTrue(Files.isRegularFile(file), "ECJ did not generate " + coordinator);
      coordinators.put(coordinator, Files.readString(file, StandardCharsets.UTF_8));
      assertTrue(Files.isRegularFile(classes.resolve(coordinator.replace('.', '/') + ".class")),
          "ECJ did not compile " + coordinator);
    }
    return coordinators;
  }

  private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
    StringBuilder text = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      text.append(d.getKind()).append(' ')
          .append(d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber())
          .append(' ').append(d.getMessage(Locale.ROOT)).append('\n');
    }
    return text.toString();
  }

  /** Where fanout-annotations is: its jar, or its classes directory inside the reactor. */
  private static File annotationsJar() throws URISyntaxException {
    return new File(Async.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static File resource(String name) throws URISyntaxException, IOException {
    URL url = EclipseCompilerTest.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IOException("no resource " + name);
    }
    return new File(url.toURI());
  }
}
