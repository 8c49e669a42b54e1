package dev.fanout.benchmarks;

import dev.fanout.Task;
import dev.fanout.WaitResult;
import dev.fanout.internal.FanOutCall;
import dev.fanout.internal.Site;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The paired-round harness: every row of issue 10's table, fanout beside its anchors in one JVM,
 * alternating variants round by round and reporting per-round ratios (median and quartiles).
 *
 * <pre>
 *   java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks.jar dev.fanout.benchmarks.Paired \
 *       [--mode quick|full] [--rows gather,completed,cancel,limit,vt,seed,sleep,javac] [--out file]
 *       [--sizes 16,1024,100000,1000000]
 * </pre>
 *
 * {@code --sizes} sets the gather row's task counts (all four by default).
 *
 * The seed rows need {@code --python <python3>} and {@code --script <seed_asyncio.py>}; the javac
 * rows {@code --processor <fanout-processor.jar>} and {@code --annotations <fanout-annotations.jar>}.
 */
public final class Paired {
  private static final List<String> ALL_ROWS =
      List.of("gather", "completed", "cancel", "limit", "vt", "seed", "sleep", "javac");

  private final boolean quick;
  private final String python;
  private final String script;
  private final String processorJar;
  private final String annotationsJar;
  private final List<Row.Result> results = new ArrayList<>();
  private final Row.Budget budget;
  private final int[] gatherSizes;

  private Paired(boolean quick, String python, String script, String processorJar,
      String annotationsJar, int[] gatherSizes) {
    this.quick = quick;
    this.python = python;
    this.script = script;
    this.processorJar = processorJar;
    this.annotationsJar = annotationsJar;
    this.gatherSizes = gatherSizes;
    this.budget = quick
        ? new Row.Budget(0.5, 1.0, 20, 2, 7, 41)
        : new Row.Budget(3.0, 10.0, 50, 3, 15, 201);
  }

  public static void main(String[] args) throws Exception {
    String mode = "quick";
    Set<String> rows = new LinkedHashSet<>(ALL_ROWS);
    String out = null;
    String python = "python3";
    String script = null;
    String processor = null;
    String annotations = null;
    int[] sizes = {16, 1_024, 100_000, 1_000_000};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode": mode = args[++i]; break;
        case "--rows": rows = new LinkedHashSet<>(Arrays.asList(args[++i].split(","))); break;
        case "--out": out = args[++i]; break;
        case "--python": python = args[++i]; break;
        case "--script": script = args[++i]; break;
        case "--processor": processor = args[++i]; break;
        case "--annotations": annotations = args[++i]; break;
        case "--sizes":
          sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Paired harness = new Paired(mode.equals("quick"), python, script, processor, annotations,
        sizes);
    String header = String.format(Locale.ROOT,
        "## Paired rounds: Java %s (%s), %d CPUs, heap %d MB, mode %s%n",
        Runtime.version(), System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, mode);
    System.out.print(header);
    StringBuilder report = new StringBuilder(header).append('\n').append(Table.HEADER);
    System.out.print(Table.HEADER);
    for (String row : rows) {
      for (Row.Result result : harness.run(row)) {
        String lines = Table.lines(result);
        System.out.print(lines);
        System.out.flush();
        report.append(lines);
      }
    }
    if (out != null) {
      Path path = Paths.get(out);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.write(path, report.toString().getBytes(StandardCharsets.UTF_8));
    }
    System.exit(0); // the default executor's threads and the pools are daemons; the rest too
  }

  private List<Row.Result> run(String row) throws Exception {
    results.clear();
    switch (row) {
      case "gather": gatherRows(); break;
      case "completed": completedRow(); break;
      case "cancel": cancelRows(); break;
      case "limit": limitRows(); break;
      case "vt": virtualThreadRow(); break;
      case "seed": seedRows(); break;
      case "sleep": sleepRow(); break;
      case "javac": javacRows(); break;
      default: throw new IllegalArgumentException("unknown row " + row + "; rows: " + ALL_ROWS);
    }
    return new ArrayList<>(results);
  }

  private void measure(Row row, Row.Budget b) throws Exception {
    System.err.println("measuring: " + row.name + " ...");
    results.add(row.measure(b));
  }

  // ---- gather of n no-op tasks on a fixed pool of 2 ----------------------------------------

  private void gatherRows() throws Exception {
    ExecutorService pool = fixedPool(2);
    NoOps fanout = new NoOpsCoordinator(pool);
    for (int n : gatherSizes) {
      List<Integer> xs = inputs(n);
      Row row = new Row("gather, no-op tasks, fixed pool of 2", n)
          .variant("fanout @Gather", () -> fanout.gather(xs).size())
          .variant("supplyAsync+allOf+join", () -> completableFutures(pool, fanout, xs).size())
          .variant("floor: execute+latch", () -> floor(pool, fanout, xs));
      measure(row, n < 1_000_000 ? budget : quick ? new Row.Budget(0, 0, 0, 1, 5, 5) : budget.scaled(2));
    }
    pool.shutdown();
  }

  static List<Integer> completableFutures(Executor pool, NoOps owner, List<Integer> xs) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] futures = (CompletableFuture<Integer>[]) new CompletableFuture<?>[xs.size()];
    for (int i = 0; i < futures.length; i++) {
      Integer x = xs.get(i);
      futures[i] = CompletableFuture.supplyAsync(() -> owner.noop(x), pool);
    }
    return joinAll(futures);
  }

  static List<Integer> joinAll(CompletableFuture<Integer>[] futures) {
    CompletableFuture.allOf(futures).join();
    List<Integer> results = new ArrayList<>(futures.length);
    for (CompletableFuture<Integer> future : futures) {
      results.add(future.join());
    }
    return results;
  }

  /** The least a gather can do: hand each task to the executor, count down, wait once. */
  static long floor(Executor pool, NoOps owner, List<Integer> xs) throws InterruptedException {
    int n = xs.size();
    Integer[] results = new Integer[n];
    CountDownLatch done = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      Integer x = xs.get(i);
      pool.execute(() -> {
        results[index] = owner.noop(x);
        done.countDown();
      });
    }
    done.await();
    return results.length;
  }

  // ---- n already-completed CompletableFuture tasks ------------------------------------------

  private void completedRow() throws Exception {
    NoOps fanout = new NoOpsCoordinator(Runnable::run);
    for (int n : new int[] {16, 1_024}) {
      List<Integer> xs = inputs(n);
      Row row = new Row("already-completed CompletableFuture tasks", n)
          .variant("fanout @Gather", () -> fanout.gatherDone(xs).size())
          .variant("allOf+join", () -> {
            @SuppressWarnings("unchecked")
            CompletableFuture<Integer>[] futures = (CompletableFuture<Integer>[]) new CompletableFuture<?>[n];
            for (int i = 0; i < n; i++) {
              futures[i] = fanout.done(xs.get(i));
            }
            return joinAll(futures).size();
          });
      measure(row, budget);
    }
  }

  // ---- cancelling n unfinished tasks ---------------------------------------------------------

  /**
   * The tasks are handed to an executor that only keeps them (as a busy pool's queue would), so
   * every one is unfinished when it is cancelled; only the cancels are timed.
   */
  private void cancelRows() throws Exception {
    int n = 1_024;
    Row close = new Row("cancel unfinished tasks: WaitResult.close()", n)
        .timedVariant("fanout WaitResult.close()", () -> {
          List<Runnable> queue = new ArrayList<>(n);
          FanOutCall<Integer> call =
              new FanOutCall<>(queue::add, Site.named("cancel.close"), Duration.ZERO, n);
          for (int i = 0; i < n; i++) {
            Integer x = i;
            call.submit("noop", () -> x);
          }
          WaitResult<Integer> waited = call.waitFor(); // the time is up at once: all pending
          long start = System.nanoTime();
          waited.close();
          return check(System.nanoTime() - start, waited.pending().get(0));
        })
        .timedVariant("FutureTask.cancel", () -> futureTaskCancels(n, false));
    measure(close, budget);

    Row firstFailure = new Row("cancel unfinished tasks: gather's first failure", n)
        .timedVariant("fanout gather, first fails", () -> {
          List<Runnable> queue = new ArrayList<>(n);
          FanOutCall<Integer> call = new FanOutCall<>(queue::add, Site.named("cancel.fail"), n);
          call.submit("fail", () -> {
            throw new IllegalStateException("the first failure");
          });
          for (int i = 1; i < n; i++) {
            Integer x = i;
            call.submit("noop", () -> x);
          }
          CompletableFuture<List<Integer>> gathered = call.gatherListAsync();
          long start = System.nanoTime();
          queue.get(0).run(); // fails: the call ends and cancels the other n - 1
          long elapsed = System.nanoTime() - start;
          if (!gathered.isCompletedExceptionally()) {
            throw new AssertionError("the gather did not fail");
          }
          return elapsed;
        })
        .timedVariant("FutureTask: first fails, cancel rest", () -> futureTaskCancels(n, true));
    measure(firstFailure, budget);
  }

  private static long check(long elapsed, Task<?> task) {
    if (task.state() != Task.State.CANCELLED) {
      throw new AssertionError("not cancelled: " + task);
    }
    return elapsed;
  }

  /** n FutureTasks queued and never run; the time of cancelling them (after running the first). */
  private static long futureTaskCancels(int n, boolean firstFails) {
    List<FutureTask<Integer>> queue = new ArrayList<>(n);
    if (firstFails) {
      queue.add(new FutureTask<>(() -> {
        throw new IllegalStateException("the first failure");
      }));
    }
    while (queue.size() < n) {
      Integer x = queue.size();
      queue.add(new FutureTask<>(() -> x));
    }
    long start = System.nanoTime();
    int from = 0;
    if (firstFails) {
      queue.get(0).run();
      from = 1;
    }
    for (int i = from; i < n; i++) {
      queue.get(i).cancel(true);
    }
    long elapsed = System.nanoTime() - start;
    if (!queue.get(n - 1).isCancelled()) {
      throw new AssertionError("not cancelled");
    }
    return elapsed;
  }

  // ---- maxConcurrency = 64 against unbounded ------------------------------------------------

  private void limitRows() throws Exception {
    ExecutorService pool = fixedPool(2);
    NoOps fanout = new NoOpsCoordinator(pool);
    for (int n : new int[] {1_024, 100_000}) {
      List<Integer> xs = inputs(n);
      Row row = new Row("gather maxConcurrency=64 vs unbounded, fixed pool of 2", n)
          .variant("fanout, maxConcurrency=64", () -> fanout.gatherLimited(xs).size())
          .variant("fanout, unbounded", () -> fanout.gather(xs).size());
      measure(row, budget);
    }
    pool.shutdown();
  }

  // ---- virtual threads ----------------------------------------------------------------------

  private void virtualThreadRow() throws Exception {
    if (Runtime.version().feature() < 21) {
      System.err.println("skipped: virtual threads need Java 21+ (this is "
          + Runtime.version() + ")");
      return;
    }
    ExecutorService virtual = virtualThreadPerTaskExecutor();
    NoOps fanout = new NoOpsCoordinator(virtual);
    int n = 10_000;
    List<Integer> xs = inputs(n);
    Row row = new Row("gather, no-op tasks, virtual threads", n)
        .variant("fanout @Gather", () -> fanout.gather(xs).size())
        .variant("virtual executor+supplyAsync+allOf", () ->
            completableFutures(virtual, fanout, xs).size());
    measure(row, budget);
  }

  // Compiled for Java 17: Java 21's factory is looked up, not linked.
  private static ExecutorService virtualThreadPerTaskExecutor() throws Exception {
    try {
      return (ExecutorService) MethodHandles.publicLookup()
          .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
              MethodType.methodType(ExecutorService.class))
          .invoke();
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  // ---- the seed: 100,000 doSomeWork(i) on the default executor, against CPython ------------

  private void seedRows() throws Exception {
    int n = 100_000;
    List<Integer> xs = inputs(n);
    Seed byDefault = new SeedCoordinator();
    ExecutorService fixed = fixedPool(2);
    Seed onFixed = new SeedCoordinator(fixed);
    ExecutorService cached = Executors.newCachedThreadPool(daemons("cached"));
    Seed onCached = new SeedCoordinator(cached);
    Row.Budget seedBudget = quick
        ? new Row.Budget(0, 0, 0, 1, 3, 3)
        : new Row.Budget(0, 0, 0, 2, 9, 9);
    for (String program : List.of("gather", "wait", "as_completed")) {
      Row row = new Row("seed " + program + ", doSomeWork(i), default executor", n)
          .variant("fanout, default executor", () -> seed(byDefault, program, xs))
          .timedVariant("CPython asyncio", () -> python(program, n))
          .variant("fanout, fixed pool of 2", () -> seed(onFixed, program, xs))
          .variant("the same calls in a loop, no fan-out", () -> sequential(byDefault, xs));
      if (Runtime.version().feature() < 21) { // the 0.1 default of Java 17, before the elastic pool
        row.variant("fanout, cached pool (the 0.1 default)", () -> seed(onCached, program, xs));
      }
      measure(row, seedBudget);
    }
    fixed.shutdown();
    cached.shutdown();
  }

  /** The seed's program, printing as it does. */
  static long seed(Seed owner, String program, List<Integer> xs) {
    switch (program) {
      case "gather":
        for (String result : owner.gatherAll(xs)) {
          Seed.OUT.println("Task result:" + result);
        }
        break;
      case "wait":
        WaitResult<String> waited = owner.waitAll(xs);
        for (Task<String> task : waited.done()) {
          Seed.OUT.println("task result: " + task.result());
        }
        break;
      default:
        try (Stream<String> results = owner.asCompleted(xs)) {
          results.forEach(result -> Seed.OUT.println("Task result:" + result));
        }
    }
    Seed.OUT.flush();
    return xs.size();
  }

  /** The work alone: each doSomeWork(i) and its result printed, one after the other. */
  static long sequential(Seed owner, List<Integer> xs) {
    for (Integer x : xs) {
      Seed.OUT.println("Task result:" + owner.doSomeWork(x));
    }
    Seed.OUT.flush();
    return xs.size();
  }

  /** Runs the seed's asyncio program once in a fresh python3; returns its own timing. */
  private long python(String program, int n) throws IOException, InterruptedException {
    if (script == null) {
      throw new IllegalStateException("the seed rows need --script seed_asyncio.py");
    }
    Process process = new ProcessBuilder(python, script, program, String.valueOf(n))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("python failed: " + out);
    }
    String[] lines = out.trim().split("\n");
    return (long) (Double.parseDouble(lines[lines.length - 1].trim()) * 1e9);
  }

  // ---- 10,000 tasks that each sleep 100 ms on the default executor --------------------------

  private void sleepRow() throws Exception {
    int n = 10_000;
    List<Integer> xs = inputs(n);
    Sleeps byDefault = new SleepsCoordinator();
    ExecutorService cached = Executors.newCachedThreadPool(daemons("cached"));
    Sleeps onCached = new SleepsCoordinator(cached);
    Row row = new Row("10,000 tasks sleeping 100 ms, default executor (wall)", n)
        .variant("fanout, default executor", () -> byDefault.gather(xs).size())
        .variant("fanout, cached pool (the 0.1 default)", () -> onCached.gather(xs).size());
    measure(row, quick ? new Row.Budget(0, 0, 0, 1, 3, 3) : new Row.Budget(0, 0, 0, 2, 9, 9));
    cached.shutdown();
  }

  // ---- javac ----------------------------------------------------------------------------------

  private void javacRows() throws Exception {
    if (processorJar == null || annotationsJar == null) {
      throw new IllegalStateException("the javac rows need --processor and --annotations");
    }
    CompileCost cost = CompileCost.create(processorJar, annotationsJar, 200);
    // A fresh process needs no warm-up: each round is a cold javac, which is what is measured.
    Row.Budget fresh = quick ? new Row.Budget(0, 0, 0, 0, 3, 3) : new Row.Budget(0, 0, 0, 0, 9, 9);
    measure(new Row("javac, 200 owners (5 tasks, 3 sites), fresh process", 200)
        .timedVariant("javac with the processor", cost::freshWithProcessor)
        .timedVariant("javac -proc:none, owners+coordinators", cost::freshWithoutProcessor), fresh);
    Row.Budget warm = quick ? new Row.Budget(0, 0, 0, 1, 4, 4) : new Row.Budget(0, 0, 0, 5, 15, 15);
    measure(new Row("javac, 200 owners (5 tasks, 3 sites), warm in-process", 200)
        .timedVariant("javac with the processor", cost::warmWithProcessor)
        .timedVariant("javac -proc:none, owners+coordinators", cost::warmWithoutProcessor), warm);
    cost.close();
  }

  // ---- helpers --------------------------------------------------------------------------------

  static List<Integer> inputs(int n) {
    List<Integer> xs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      xs.add(i);
    }
    return xs;
  }

  static ExecutorService fixedPool(int threads) {
    return Executors.newFixedThreadPool(threads, daemons("fixed"));
  }

  static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The report: one line per anchor of each row. */
  static final class Table {
    static final String HEADER =
        "| row | n | fanout | anchor | fanout ns/task | anchor ns/task"
            + " | fanout/anchor median [q1, q3] | rounds |\n"
            + "|---|---:|---|---|---:|---:|---|---:|\n";

    static String lines(Row.Result result) {
      StringBuilder lines = new StringBuilder();
      Row row = result.row;
      double perTask = row.tasksPerOp;
      for (int a = 1; a < row.names().size(); a++) {
        double[] r = result.ratio(a);
        lines.append(String.format(Locale.ROOT,
            "| %s | %,d | %s | %s | %s | %s | **%.2f** [%.2f, %.2f]%s | %d |%n",
            row.name, row.tasksPerOp, row.names().get(0), row.names().get(a),
            nanos(result.medianNanos(0) / perTask), nanos(result.medianNanos(a) / perTask),
            r[1], r[0], r[2], r[1] < 0.95 ? String.format(Locale.ROOT, " (%.1f× faster)", 1 / r[1]) : "",
            result.rounds()));
      }
      return lines.toString();
    }

    private static String nanos(double ns) {
      return ns >= 100 ? String.format(Locale.ROOT, "%,.0f", ns)
          : String.format(Locale.ROOT, "%.1f", ns);
    }
  }

}
