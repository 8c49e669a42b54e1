package dev.fanout.benchmarks;

import dev.fanout.ContextPropagator;
import dev.fanout.FanOut;
import dev.fanout.opentelemetry.OpenTelemetryPropagator;
import dev.fanout.opentelemetry.SpanListener;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the hooks and observability cost (issues 12 and 13): a gather of {@code tasks} no-op tasks
 * on a fixed pool of 2, hand-written ({@code supplyAsync}+{@code allOf}+{@code join}) and by
 * fanout with nothing registered, with the in-flight view off, with a JFR recording of
 * {@code dev.fanout.Call} and {@code dev.fanout.Task}, with OpenTelemetry (its propagator alone,
 * and with {@link SpanListener} on a real SDK), and with one no-op {@link ContextPropagator}.
 *
 * <p>Every benchmark method runs in its own fork (JMH's default), so what a method's state
 * registers is registered in that JVM only: the registrations are made in {@code @Setup} and
 * undone in {@code @TearDown}, outside the timing. Report each as a ratio to
 * {@link #completableFuture} and to {@link #fanout} ({@code benchmarks/jmh_ratios.py} prints both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ObservabilityBenchmark {
  @Param({"16", "1024"})
  int tasks;

  private ExecutorService pool;
  private NoOps owner;
  private List<Integer> inputs;

  @Setup(Level.Trial)
  public void setUp() {
    pool = Paired.fixedPool(2);
    owner = new NoOpsCoordinator(pool);
    inputs = Paired.inputs(tasks);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  /** (a) The anchor: hand-written {@code CompletableFuture} code on the same pool. */
  @Benchmark
  public int completableFuture() {
    return Paired.completableFutures(pool, owner, inputs).size();
  }

  /** (b) Nothing registered, the in-flight view on (the default). */
  @Benchmark
  public int fanout() {
    return owner.gather(inputs).size();
  }

  /** (c) Nothing registered, the in-flight view off. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {
      "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Dfanout.inflight=false"})
  public int fanoutInFlightOff() {
    return owner.gather(inputs).size();
  }

  /** (d) A JFR recording that enables {@code dev.fanout.Call} and {@code dev.fanout.Task}. */
  @Benchmark
  public int fanoutJfr(Jfr jfr) {
    return owner.gather(inputs).size();
  }

  /** (e) OpenTelemetry's propagator, as found by ServiceLoader when its jar is on the path. */
  @Benchmark
  public int fanoutOtelContext(OtelContext otel) {
    return owner.gather(inputs).size();
  }

  /** (e) Spans: {@link SpanListener} and the propagator, on an SDK that records every span. */
  @Benchmark
  public int fanoutOtelSpans(OtelSpans otel) {
    return owner.gather(inputs).size();
  }

  /** (f) One propagator that captures and restores nothing. */
  @Benchmark
  public int fanoutNoOpPropagator(NoOpPropagator propagator) {
    return owner.gather(inputs).size();
  }

  /** A recording of fanout's two events, started before the trial and discarded after it. */
  @State(Scope.Benchmark)
  public static class Jfr {
    private Recording recording;

    @Setup(Level.Trial)
    public void start() {
      recording = new Recording();
      recording.enable("dev.fanout.Call");
      recording.enable("dev.fanout.Task");
      recording.setToDisk(false); // in memory, in the global buffers; never written out
      recording.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
      recording.stop();
      recording.close();
    }
  }

  /** {@link OpenTelemetryPropagator} registered (the shaded jar leaves out its ServiceLoader entry). */
  @State(Scope.Benchmark)
  public static class OtelContext {
    private FanOut.Registration registration;

    @Setup(Level.Trial)
    public void register() {
      registration = FanOut.register(new OpenTelemetryPropagator());
    }

    @TearDown(Level.Trial)
    public void unregister() {
      registration.close();
    }
  }

  /**
   * What an application that traces its fan-outs has: the SDK with the default sampler (every
   * span recorded), a simple span processor, {@link SpanListener} and
   * {@link OpenTelemetryPropagator}. The exporter counts the spans and drops them.
   */
  @State(Scope.Benchmark)
  public static class OtelSpans {
    private final List<FanOut.Registration> registrations = new ArrayList<>();
    private SdkTracerProvider provider;
    private Discarding exporter;

    @Setup(Level.Trial)
    public void register() {
      exporter = new Discarding();
      provider = SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();
      OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
      registrations.add(FanOut.register(new OpenTelemetryPropagator()));
      registrations.add(FanOut.register(new SpanListener(sdk)));
    }

    @TearDown(Level.Trial)
    public void unregister() {
      registrations.forEach(FanOut.Registration::close);
      provider.close();
      if (exporter.spans.sum() == 0) {
        throw new IllegalStateException("no span was exported: the listener did not run");
      }
    }
  }

  /** Exports nothing: counts the spans it is given. */
  static final class Discarding implements SpanExporter {
    final LongAdder spans = new LongAdder();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.add(batch.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** One propagator that captures nothing and restores nothing: the price of having one. */
  @State(Scope.Benchmark)
  public static class NoOpPropagator {
    private static final ContextPropagator.Scope NOTHING = () -> { };

    private FanOut.Registration registration;

    @Setup(Level.Trial)
    public void register() {
      registration = FanOut.register(noOp());
    }

    static ContextPropagator noOp() {
      return new ContextPropagator() {
        @Override
        public Object capture() {
          return Boolean.TRUE;
        }

        @Override
        public ContextPropagator.Scope restore(Object captured) {
          return NOTHING;
        }
      };
    }

    @TearDown(Level.Trial)
    public void unregister() {
      registration.close();
    }
  }
}
