package dev.fanout.benchmarks;

import dev.fanout.ContextPropagator;
import dev.fanout.FanOut;
import dev.fanout.opentelemetry.OpenTelemetryPropagator;
import dev.fanout.opentelemetry.SpanListener;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import jdk.jfr.Recording;

/**
 * {@link ObservabilityBenchmark}'s comparisons in paired rounds: per observer and task count, one
 * row whose rounds run the gather with the observer on, the same gather with nothing registered,
 * and {@code supplyAsync}+{@code allOf}+{@code join}, in rotating order, in one JVM. The observer
 * is registered before each of its measurements and removed after, outside the timing. A JFR
 * recording is started once for its whole row, whose rounds therefore run fanout with it and
 * {@code supplyAsync}+{@code allOf}+{@code join} only; the first rows, nothing registered against
 * {@code supplyAsync}, are the baseline to set that ratio against. JMH runs each variant in its own fork, one after the other, so on a shared
 * machine its ratios carry the machine's drift; these do not.
 *
 * <pre>
 *   java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks.jar dev.fanout.benchmarks.PairedObservability \
 *       [--mode quick|full] [--sizes 16,1024] [--out file]
 * </pre>
 *
 * The JFR rows run last: once a recording has started, JFR stays initialized in the JVM. The
 * in-flight view is read once per JVM ({@code -Dfanout.inflight=false}), so it cannot be paired
 * here; {@link ObservabilityBenchmark#fanoutInFlightOff} measures it.
 */
public final class PairedObservability {
  private PairedObservability() {}

  /**
   * An observer: what puts it in place, and what that returns to take it away; registered for
   * each measurement (a hook), or for the whole row (a recording: starting one retransforms the
   * event classes and throws away compiled code, so it cannot come and go between measurements).
   */
  private record Observer(String name, Supplier<AutoCloseable> open, boolean wholeRow) {}

  public static void main(String[] args) throws Exception {
    String mode = "quick";
    String out = null;
    int[] sizes = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> mode = args[++i];
        case "--out" -> out = args[++i];
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    boolean quick = mode.equals("quick");
    if (sizes == null) {
      sizes = quick ? new int[] {16, 1_024} : new int[] {16, 1_024, 100_000};
    }
    Row.Budget budget = quick
        ? new Row.Budget(0.5, 1.0, 20, 2, 7, 41)
        : new Row.Budget(3.0, 10.0, 50, 3, 15, 201);

    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(new ObservabilityBenchmark.Discarding()))
        .build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
    List<Observer> observers = List.of(
        new Observer("one no-op ContextPropagator",
            () -> FanOut.register(ObservabilityBenchmark.NoOpPropagator.noOp()), false),
        new Observer("OpenTelemetryPropagator",
            () -> FanOut.register(new OpenTelemetryPropagator()), false),
        new Observer("SpanListener + OpenTelemetryPropagator, SDK", () -> {
          FanOut.Registration context = FanOut.register(new OpenTelemetryPropagator());
          FanOut.Registration spans = FanOut.register(new SpanListener(sdk));
          return () -> {
            spans.close();
            context.close();
          };
        }, false),
        new Observer("JFR recording dev.fanout.Call+Task", () -> {
          Recording recording = new Recording();
          recording.enable("dev.fanout.Call");
          recording.enable("dev.fanout.Task");
          recording.setToDisk(false);
          recording.start();
          return recording; // close() stops it and lets go of its data
        }, true));

    ExecutorService pool = Paired.fixedPool(2);
    NoOps owner = new NoOpsCoordinator(pool);
    String header = String.format(Locale.ROOT,
        "## Observability in paired rounds: Java %s (%s), %d CPUs, heap %d MB, mode %s%n",
        Runtime.version(), System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, mode);
    StringBuilder report = new StringBuilder(header).append('\n').append(Paired.Table.HEADER);
    System.out.print(header);
    System.out.print(Paired.Table.HEADER);
    for (int n : sizes) { // the baseline: (b) against (a)
      List<Integer> xs = Paired.inputs(n);
      report.append(measure(new Row("gather, no-op tasks, fixed pool of 2", n)
          .variant("fanout, nothing registered", () -> owner.gather(xs).size())
          .variant("supplyAsync+allOf+join", () ->
              Paired.completableFutures(pool, owner, xs).size()), n, budget, "nothing"));
    }
    for (Observer observer : observers) {
      for (int n : sizes) {
        List<Integer> xs = Paired.inputs(n);
        List<AutoCloseable> opened = new ArrayList<>(1);
        Row row = new Row("gather, no-op tasks, fixed pool of 2", n);
        if (observer.wholeRow()) { // against CF alone: fanout's events would be recorded too
          row.variant("fanout, " + observer.name(), () -> owner.gather(xs).size());
          opened.add(observer.open().get());
        } else {
          row.variant("fanout, " + observer.name(), () -> owner.gather(xs).size(),
                  () -> opened.add(observer.open().get()), () -> close(opened))
              .variant("fanout, nothing registered", () -> owner.gather(xs).size());
        }
        row.variant("supplyAsync+allOf+join", () ->
            Paired.completableFutures(pool, owner, xs).size());
        report.append(measure(row, n, budget, observer.name()));
        close(opened);
      }
    }
    pool.shutdown();
    provider.close();
    if (out != null) {
      Path path = Paths.get(out);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.write(path, report.toString().getBytes(StandardCharsets.UTF_8));
    }
    System.exit(0);
  }

  private static String measure(Row row, int n, Row.Budget budget, String what) throws Exception {
    System.err.println("measuring: " + what + ", n = " + n + " ...");
    String lines = Paired.Table.lines(row.measure(n < 100_000 ? budget : budget.scaled(1.5)));
    System.out.print(lines);
    System.out.flush();
    return lines;
  }

  private static void close(List<AutoCloseable> opened) {
    try {
      for (AutoCloseable closeable : opened) {
        closeable.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      opened.clear();
    }
  }
}
