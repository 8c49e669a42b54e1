package dev.fanout.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.fanout.processor.MutantOwners.Case;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles 600 owners made by mutating valid ones (see {@link MutantOwners}), 25 to a build, and
 * checks that the processor never crashes and that every owner ends either in a coordinator or
 * in an error on its own source. The seeds are fixed: a failure names its seed and its owner, and
 * runs again the same way.
 *
 * <p>Each build is checked twice over. The first compiles all 25 owners: there the processor must
 * not crash, leave a stack trace, or report anywhere but in the user's files, and each owner must
 * be generated or have an error of its own (one owner's errors must not hide another's; where
 * javac stops before processing, the owners that stopped it are set aside and the rest built
 * again). The second compiles only the owners that were generated: javac then compiles their
 * coordinators, and an error in a coordinator is allowed only where its owner's source is itself
 * in error. An owner left unmutated must come out with a coordinator and no diagnostic at all.
 */
class RandomizedRobustnessTest {
  private static final AtomicLong REJECTED_BY_FANOUT = new AtomicLong();
  private static final AtomicLong MUTATED_BUT_GENERATED = new AtomicLong();
  private static final AtomicLong TASK_GRAPHS = new AtomicLong();

  @AfterAll
  static void theMutantsReachedBothOutcomes() {
    assertTrue(REJECTED_BY_FANOUT.get() > 0, "no mutant was rejected by fanout");
    assertTrue(MUTATED_BUT_GENERATED.get() > 0, "no mutant was still a valid owner");
    assertTrue(TASK_GRAPHS.get() > 0, "no mutant became a valid task graph");
  }

  /**
   * 24 builds of 25: 600 owners. {@code -Dfanout.fuzz.builds=400} searches deeper, and
   * {@code -Dfanout.fuzz.firstSeed=...} elsewhere.
   */
  private static final int BUILDS = Integer.getInteger("fanout.fuzz.builds", 24);
  private static final int OWNERS_PER_BUILD = 25;
  private static final long FIRST_SEED = Long.getLong("fanout.fuzz.firstSeed", 0x5EED_FA00L);

  private static final Set<String> FANOUT_CODES = Set.of("compiler.err.proc.messager",
      "compiler.warn.proc.messager", "compiler.note.proc.messager");
  private static final List<String> CRASH_SIGNS = List.of("An exception has occurred in the"
      + " compiler", "\tat ", "Exception in thread", "internal error in the fanout processor");
  private static final Pattern OWNER_PACKAGE = Pattern.compile("(fuzz/s\\d+/o\\d+)/");

  static LongStream seeds() {
    return LongStream.range(0, BUILDS).map(i -> FIRST_SEED + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyMutantEndsInACoordinatorOrInCleanErrorsOnItsOwnSource(long seed) {
    List<Case> cases = MutantOwners.generate(seed, "fuzz.s" + seed, OWNERS_PER_BUILD);
    List<String> problems = new ArrayList<>();
    Map<Case, Build> outcomes = buildUntilProcessed(seed, cases, problems);
    for (Case c : cases) {
      Build build = outcomes.get(c);
      if (c.hasSite() && !build.generated(c) && build.errorsIn(c).isEmpty()) {
        problems.add(c.packageName() + ": neither generated nor reported");
      }
      if (!c.isMutated() && (!build.generated(c) || !build.diagnosticsIn(c).isEmpty())) {
        problems.add(c.packageName() + ": a valid owner was not generated cleanly: "
            + build.diagnosticsIn(c));
      }
    }
    List<Case> accepted = cases.stream().filter(c -> outcomes.get(c).generated(c)).toList();
    Build coordinators = Build.of(seed, accepted);
    problems.addAll(coordinators.crashesAndStrayDiagnostics());
    for (Case c : accepted) {
      List<String> inCoordinator = coordinators.diagnosticsInGenerated(c, Diagnostic.Kind.ERROR);
      if (!inCoordinator.isEmpty() && coordinators.errorsIn(c).isEmpty()) {
        problems.add(c.packageName() + ": its coordinator does not compile: " + inCoordinator);
      }
      if (!coordinators.fanoutMessages(c).equals(outcomes.get(c).fanoutMessages(c))) {
        problems.add(c.packageName() + ": the processor said " + outcomes.get(c)
            .fanoutMessages(c) + " in one build and " + coordinators.fanoutMessages(c)
            + " in another");
      }
      if (!c.isMutated() && !coordinators.diagnosticsInGenerated(c, null).isEmpty()) {
        problems.add(c.packageName() + ": a valid owner's coordinator has diagnostics: "
            + coordinators.diagnosticsInGenerated(c, null));
      }
    }
    // A fuzz run that only ever hits one outcome would prove little: it must hit both.
    REJECTED_BY_FANOUT.addAndGet(cases.stream()
        .filter(c -> c.isMutated() && !outcomes.get(c).fanoutMessages(c).isEmpty()).count());
    MUTATED_BUT_GENERATED.addAndGet(cases.stream()
        .filter(c -> c.isMutated() && outcomes.get(c).generated(c)).count());
    TASK_GRAPHS.addAndGet(accepted.stream().filter(coordinators::generatedGraph).count());
    if (!problems.isEmpty()) {
      fail(report(seed, cases, problems));
    }
  }

  /**
   * The build that decides each owner's outcome. Some javac errors (a modifier not allowed, an
   * annotation on the wrong kind of element, a non-constant attribute) stop javac before any
   * processor runs, for every file of the build: the owners with such errors have their outcome
   * (an error of their own), and the others are built again without them.
   */
  private static Map<Case, Build> buildUntilProcessed(
      long seed, List<Case> cases, List<String> problems) {
    Map<Case, Build> outcomes = new LinkedHashMap<>();
    List<Case> remaining = cases;
    while (!remaining.isEmpty()) {
      Build build = Build.of(seed, remaining);
      problems.addAll(build.crashesAndStrayDiagnostics());
      List<Case> stopped = build.processed() ? List.of()
          : remaining.stream().filter(c -> !build.errorsIn(c).isEmpty()).toList();
      remaining.forEach(c -> outcomes.put(c, build));
      if (stopped.isEmpty()) {
        break;
      }
      remaining = remaining.stream().filter(c -> !stopped.contains(c)).toList();
    }
    return outcomes;
  }

  private static String report(long seed, List<Case> cases, List<String> problems) {
    StringBuilder text = new StringBuilder("seed " + seed + ": " + problems.size()
        + " problem(s)\n");
    problems.forEach(p -> text.append("  ").append(p).append('\n'));
    for (Case c : cases) {
      if (problems.stream().anyMatch(p -> p.startsWith(c.packageName() + ":"))) {
        text.append(c);
      }
    }
    return text.toString();
  }

  /** One compilation of some owners, and what it said about each. */
  private static final class Build {
    private final Optional<Compilation> compilation;
    private final Set<String> origins;
    private final Set<String> inputs;
    private final boolean processed;

    private Build(
        Compilation compilation, Set<String> origins, Set<String> inputs, boolean processed) {
      this.compilation = Optional.ofNullable(compilation);
      this.origins = origins;
      this.inputs = inputs;
      this.processed = processed;
    }

    static Build of(long seed, List<Case> cases) {
      if (cases.isEmpty()) {
        return new Build(null, Set.of(), Set.of(), false);
      }
      List<JavaFileObject> files = new ArrayList<>();
      cases.forEach(c -> c.sources().forEach((name, source) ->
          files.add(JavaFileObjects.forSourceString(name, source))));
      // A failed build hides its generated files: the recorder sees them being created.
      OriginRecorder recorder = new OriginRecorder(new FanoutProcessor());
      try {
        Compilation compilation = javac()
            .withProcessors(recorder)
            .withOptions("-Xlint:all,-processing", "-Xmaxerrs", "100000", "-Xmaxwarns", "100000")
            .compile(files);
        return new Build(compilation, recorder.origins().keySet(),
            files.stream().map(f -> f.toUri().toString()).collect(Collectors.toSet()),
            recorder.rounds() > 0);
      } catch (RuntimeException | Error crash) {
        throw new AssertionError("seed " + seed + ": javac crashed\n" + cases, crash);
      }
    }

    private List<Diagnostic<? extends JavaFileObject>> diagnostics() {
      return compilation.<List<Diagnostic<? extends JavaFileObject>>>map(
          Compilation::diagnostics).orElse(List.of());
    }

    /** Whether javac ran the processor at all. */
    boolean processed() {
      return processed;
    }

    /** Whether the coordinator of {@code c} came out of this build and runs a task graph. */
    boolean generatedGraph(Case c) {
      String directory = "/" + c.packageName().replace('.', '/') + "/";
      // A failed build hides its generated files; most builds of accepted owners succeed.
      return compilation.filter(built -> built.status() == Compilation.Status.SUCCESS).stream()
          .flatMap(built -> built.generatedSourceFiles().stream())
          .filter(file -> file.toUri().getPath().contains(directory))
          .anyMatch(file -> {
            try {
              return file.getCharContent(false).toString().contains("Dependency.on");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }

    boolean generated(Case c) {
      return origins.stream().anyMatch(name -> name.startsWith(c.packageName() + ".")
          && name.lastIndexOf('.') == c.packageName().length());
    }

    /** Stack traces anywhere, and fanout diagnostics that do not point into a user's file. */
    List<String> crashesAndStrayDiagnostics() {
      List<String> problems = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics()) {
        String message = d.getMessage(null);
        String owner = ownerOf(d).orElse("?");
        if (CRASH_SIGNS.stream().anyMatch(message::contains)) {
          problems.add(owner + ": a crash: " + message);
        }
        if (FANOUT_CODES.contains(d.getCode()) && (d.getSource() == null
            || !inputs.contains(d.getSource().toUri().toString())
            || d.getPosition() == Diagnostic.NOPOS)) {
          problems.add(owner + ": a fanout diagnostic not on the user's source: " + describe(d));
        }
      }
      return problems;
    }

    List<String> errorsIn(Case c) {
      return diagnostics(c, Diagnostic.Kind.ERROR, true);
    }

    List<String> diagnosticsIn(Case c) {
      return diagnostics(c, null, true);
    }

    List<String> diagnosticsInGenerated(Case c, Diagnostic.Kind kind) {
      return diagnostics(c, kind, false);
    }

    /** What the processor reported on the owner's files. */
    Set<String> fanoutMessages(Case c) {
      return diagnostics().stream()
          .filter(d -> FANOUT_CODES.contains(d.getCode()))
          .filter(d -> ownerOf(d).filter(c.packageName()::equals).isPresent())
          .map(Build::describe)
          .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The diagnostics of {@code kind} (any, if null) in the owner's or its coordinator's files. */
    private List<String> diagnostics(Case c, Diagnostic.Kind kind, boolean userFiles) {
      return diagnostics().stream()
          .filter(d -> kind == null ? d.getKind() != Diagnostic.Kind.NOTE : d.getKind() == kind)
          .filter(d -> ownerOf(d).filter(c.packageName()::equals).isPresent())
          .filter(d -> inputs.contains(d.getSource().toUri().toString()) == userFiles)
          .map(Build::describe)
          .toList();
    }

    /** The package of the owner whose file (or coordinator) {@code d} is in. */
    private static Optional<String> ownerOf(Diagnostic<? extends JavaFileObject> d) {
      if (d.getSource() == null) {
        return Optional.empty();
      }
      Matcher m = OWNER_PACKAGE.matcher(d.getSource().toUri().toString());
      return m.find() ? Optional.of(m.group(1).replace('/', '.')) : Optional.empty();
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
      Map<String, Object> parts = new LinkedHashMap<>();
      parts.put("kind", d.getKind());
      parts.put("file", d.getSource() == null ? null : d.getSource().getName());
      parts.put("line", d.getLineNumber());
      parts.put("message", d.getMessage(null));
      return parts.toString();
    }
  }
}
