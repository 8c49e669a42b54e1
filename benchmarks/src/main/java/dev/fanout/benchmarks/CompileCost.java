package dev.fanout.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the processor adds to a build: {@code javac} over generated owners with the processor,
 * against {@code javac -proc:none} over the same owners plus the coordinators the processor wrote
 * for them (so both compile the same code, and the difference is the processor's own work). As a
 * fresh {@code javac} process, and warm, in this JVM, as a build tool's in-process compiler runs.
 */
final class CompileCost implements AutoCloseable {
  private final Path root;
  private final String processorJar;
  private final String annotationsJar;
  private final List<Path> owners;
  private final List<Path> ownersAndCoordinators;
  private int run;

  private CompileCost(Path root, String processorJar, String annotationsJar, List<Path> owners,
      List<Path> ownersAndCoordinators) {
    this.root = root;
    this.processorJar = processorJar;
    this.annotationsJar = annotationsJar;
    this.owners = owners;
    this.ownersAndCoordinators = ownersAndCoordinators;
  }

  /** Writes {@code count} owners, then compiles them once with the processor for its output. */
  static CompileCost create(String processorJar, String annotationsJar, int count)
      throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("fanout-javac");
    Path sources = root.resolve("src/gen");
    Files.createDirectories(sources);
    List<Path> owners = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path file = sources.resolve(ownerName(i) + ".java");
      Files.write(file, owner(i).getBytes(StandardCharsets.UTF_8));
      owners.add(file);
    }
    Path generated = root.resolve("generated");
    Files.createDirectories(generated);
    CompileCost cost = new CompileCost(root, processorJar, annotationsJar, owners, List.of());
    int status = cost.javacProcess(List.of("-processorpath", processorJar, "-s",
        generated.toString()), owners);
    if (status != 0) {
      throw new IllegalStateException("javac with the processor failed: " + status);
    }
    List<Path> all = new ArrayList<>(owners);
    try (Stream<Path> files = Files.walk(generated)) {
      files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(all::add);
    }
    if (all.size() != 2 * count) {
      throw new IllegalStateException("expected " + count + " coordinators, found "
          + (all.size() - count));
    }
    return new CompileCost(root, processorJar, annotationsJar, owners, all);
  }

  static String ownerName(int i) {
    return String.format(Locale.ROOT, "Owner%03d", i);
  }

  /** One owner: five tasks, three fan-out sites (a gather over a list, a wait, an as-completed). */
  static String owner(int i) {
    String name = ownerName(i);
    StringBuilder s = new StringBuilder();
    s.append("package gen;\n\n")
        .append("import dev.fanout.AsCompleted;\nimport dev.fanout.Async;\n")
        .append("import dev.fanout.Gather;\nimport dev.fanout.ReturnWhen;\n")
        .append("import dev.fanout.Wait;\nimport dev.fanout.WaitResult;\n")
        .append("import java.util.List;\nimport java.util.stream.Stream;\n\n")
        .append("public abstract class ").append(name).append(" {\n");
    String[] tasks = {"alpha", "beta", "gamma", "delta", "epsilon"};
    for (String task : tasks) {
      s.append("  @Async\n  String ").append(task).append("(long id) {\n")
          .append("    return \"").append(task).append("-\" + id + \"-").append(i).append("\";\n")
          .append("  }\n\n");
    }
    s.append("  @Gather(\"alpha\")\n  abstract List<String> all(List<Long> ids);\n\n")
        .append("  @Wait(value = {\"beta\", \"gamma\", \"delta\"}, returnWhen = ")
        .append("ReturnWhen.FIRST_COMPLETED, timeout = \"PT1S\")\n")
        .append("  abstract WaitResult<String> first(long id);\n\n")
        .append("  @AsCompleted({\"gamma\", \"delta\", \"epsilon\"})\n")
        .append("  abstract Stream<String> each(long id);\n")
        .append("}\n");
    return s.toString();
  }

  long freshWithProcessor() throws IOException, InterruptedException {
    return timedProcess(List.of("-processorpath", processorJar), owners);
  }

  long freshWithoutProcessor() throws IOException, InterruptedException {
    return timedProcess(List.of("-proc:none"), ownersAndCoordinators);
  }

  long warmWithProcessor() throws IOException {
    return timedInProcess(List.of("-processorpath", processorJar), owners);
  }

  long warmWithoutProcessor() throws IOException {
    return timedInProcess(List.of("-proc:none"), ownersAndCoordinators);
  }

  private long timedProcess(List<String> options, List<Path> files)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    int status = javacProcess(options, files);
    long elapsed = System.nanoTime() - start;
    if (status != 0) {
      throw new IllegalStateException("javac failed: " + status);
    }
    return elapsed;
  }

  private int javacProcess(List<String> options, List<Path> files)
      throws IOException, InterruptedException {
    Path argFile = root.resolve("args-" + (run++) + ".txt");
    List<String> args = new ArrayList<>(common(options));
    files.forEach(f -> args.add(f.toString()));
    Files.write(argFile, args, StandardCharsets.UTF_8);
    Path javac = Paths.get(System.getProperty("java.home"), "bin", "javac");
    Process process = new ProcessBuilder(javac.toString(), "@" + argFile)
        .redirectErrorStream(true)
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    if (status != 0) {
      System.err.println(out);
    }
    return status;
  }

  private long timedInProcess(List<String> options, List<Path> files) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    long start = System.nanoTime();
    try (StandardJavaFileManager fileManager =
        compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units =
          fileManager.getJavaFileObjectsFromPaths(files);
      boolean ok = compiler.getTask(null, fileManager, null, common(options), null, units).call();
      if (!ok) {
        throw new IllegalStateException("in-process javac failed");
      }
    }
    return System.nanoTime() - start;
  }

  private List<String> common(List<String> options) throws IOException {
    Path classes = root.resolve("classes-" + (run++));
    Files.createDirectories(classes);
    Path generated = root.resolve("generated-" + run);
    Files.createDirectories(generated);
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-s",
        generated.toString(), "-cp", annotationsJar, "-nowarn"));
    args.addAll(options);
    return args;
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
