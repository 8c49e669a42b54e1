package dev.fanout.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOut;
import dev.fanout.FanOutTimeoutException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The caller's span reaches every task (the propagator, found by ServiceLoader), and the listener
 * traces calls and tasks; checked with the SDK's in-memory exporter.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // a registration or scope is held open for its block, never read in it
class OpenTelemetryTest {
  private static final List<String> KEYS = List.of("a", "b", "c", "d");
  private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
  private static final SdkTracerProvider PROVIDER = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build();
  private static final Tracer TRACER = PROVIDER.get("test");

  /** Threads that each have a span of their own current, as a thread left dirty would. */
  private static final ExecutorService POOL = Executors.newCachedThreadPool(dirty("pool"));
  private static final ExecutorService CLIENT = Executors.newFixedThreadPool(2, dirty("client"));

  private final Traced traced = new TracedCoordinator(POOL);

  @BeforeAll
  static void wire() {
    Traced.tracer = TRACER;
    Traced.client = CLIENT;
  }

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
    CLIENT.shutdownNow();
    PROVIDER.close();
  }

  @BeforeEach
  void reset() {
    Traced.caller = Thread.currentThread();
    Traced.self = traced;
    EXPORTER.reset();
  }

  // ---- the propagator alone --------------------------------------------------------------------

  @Test
  void aSpanMadeInATaskIsAChildOfTheCallersSpan() throws Exception {
    SpanData request = traced("request", () -> traced.works(KEYS));
    for (String key : KEYS) {
      assertChildOf(request, span("work " + key));
    }
    assertThreadsAreClean();
  }

  @Test
  void soUnderMaxConcurrencyOne() throws Exception {
    SpanData request = traced("request", () -> traced.worksOneAtATime(KEYS));
    for (String key : KEYS) {
      assertChildOf(request, span("work " + key));
    }
    assertThreadsAreClean();
  }

  @Test
  void soForStageTasksLaunchedFromAnotherTasksThread() throws Exception {
    SpanData request = traced("request", () -> traced.remotesOneAtATime(KEYS));
    for (String key : KEYS) {
      assertChildOf(request, span("remote " + key));
    }
    // Each slot after the first was invoked where the stage before it completed: on a client
    // thread, whose own span was current there (and is not the parent).
    for (String key : KEYS.subList(1, KEYS.size())) {
      String thread = span("remote " + key).getAttributes().get(key("thread"));
      assertTrue(thread.startsWith("client-"), key + " was invoked on " + thread);
    }
    assertThreadsAreClean();
  }

  // ---- the listener ----------------------------------------------------------------------------

  @Test
  void theListenerMakesASpanPerCallAndAChildPerTaskWithUserSpansUnderIt() throws Exception {
    try (FanOut.Registration r = FanOut.register(new SpanListener(PROVIDER.get("dev.fanout")))) {
      SpanData request = traced("request", () -> traced.worksOneAtATime(KEYS));
      SpanData call = span("Traced.worksOneAtATime");
      assertChildOf(request, call);
      assertEquals("Traced.worksOneAtATime", call.getAttributes().get(key("fanout.site")));
      assertEquals(4L, call.getAttributes().get(AttributeKey.longKey("fanout.size")));
      assertEquals(1L, call.getAttributes().get(AttributeKey.longKey("fanout.limit")));
      assertEquals("COMPLETED", call.getAttributes().get(key("fanout.ending")));
      for (SpanData task : spans("Traced.worksOneAtATime/work", 4)) {
        assertChildOf(call, task);
        assertEquals("work", task.getAttributes().get(key("fanout.task")));
        assertEquals("SUCCESS", task.getAttributes().get(key("fanout.state")));
        long index = task.getAttributes().get(AttributeKey.longKey("fanout.index"));
        assertChildOf(task, span("work " + KEYS.get((int) index)));
      }
    }
    assertThreadsAreClean();
  }

  @Test
  void stageTasksUnderMaxConcurrencyOneGetTaskSpansToo() throws Exception {
    try (FanOut.Registration r = FanOut.register(new SpanListener(PROVIDER.get("dev.fanout")))) {
      SpanData request = traced("request", () -> traced.remotesOneAtATime(KEYS));
      SpanData call = span("Traced.remotesOneAtATime");
      assertChildOf(request, call);
      for (SpanData task : spans("Traced.remotesOneAtATime/remote", 4)) {
        assertChildOf(call, task);
        long index = task.getAttributes().get(AttributeKey.longKey("fanout.index"));
        assertChildOf(task, span("remote " + KEYS.get((int) index)));
      }
    }
    assertThreadsAreClean();
  }

  @Test
  void aNestedCallIsAChildOfTheTaskThatMadeIt() throws Exception {
    try (FanOut.Registration r = FanOut.register(new SpanListener(PROVIDER.get("dev.fanout")))) {
      traced("request", () -> traced.nesteds(List.of("x")));
      SpanData outerTask = span("Traced.nesteds/nested");
      assertChildOf(span("Traced.nesteds"), outerTask);
      SpanData inner = span("Traced.works");
      assertChildOf(outerTask, inner);
      for (SpanData task : spans("Traced.works/work", 2)) {
        assertChildOf(inner, task);
        long index = task.getAttributes().get(AttributeKey.longKey("fanout.index"));
        assertChildOf(task, span("work x" + (index + 1)));
      }
    }
    assertThreadsAreClean();
  }

  @Test
  void aFailingTaskMarksItsSpanAndTheCallsAndTheCancelledSibling() throws Exception {
    try (FanOut.Registration r = FanOut.register(new SpanListener(PROVIDER.get("dev.fanout")))) {
      IllegalStateException thrown =
          assertThrows(IllegalStateException.class, () -> traced.failOrHang("key"));
      assertEquals("no key", thrown.getMessage());
      SpanData call = span("Traced.failOrHang");
      assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
      assertEquals("FAILED", call.getAttributes().get(key("fanout.ending")));
      assertTrue(hasException(call, "no key"), call.toString());

      SpanData failed = span("Traced.failOrHang/fail");
      assertChildOf(call, failed);
      assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
      assertEquals("FAILED", failed.getAttributes().get(key("fanout.state")));
      assertTrue(hasException(failed, "no key"), failed.toString());

      SpanData cancelled = span("Traced.failOrHang/hang");
      assertChildOf(call, cancelled);
      assertEquals("CANCELLED", cancelled.getAttributes().get(key("fanout.state")));
      assertTrue(cancelled.getEvents().stream().anyMatch(e -> e.getName().equals("fanout.cancelled")));
    }
    assertThreadsAreClean();
  }

  @Test
  void timedOutTasksAreMarkedSo() throws Exception {
    try (FanOut.Registration r = FanOut.register(new SpanListener(PROVIDER.get("dev.fanout")))) {
      assertThrows(FanOutTimeoutException.class, () -> traced.hangs(List.of("a", "b")));
      SpanData call = span("Traced.hangs");
      assertEquals("TIMED_OUT", call.getAttributes().get(key("fanout.ending")));
      assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
      for (SpanData task : spans("Traced.hangs/hang", 2)) {
        assertEquals("TIMED_OUT", task.getAttributes().get(key("fanout.state")));
        assertTrue(task.getEvents().stream().anyMatch(e -> e.getName().equals("fanout.timed_out")));
      }
    }
    assertThreadsAreClean();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Runs {@code call} under a current span named {@code name}; returns that span's data. */
  private static SpanData traced(String name, Supplier<?> call) {
    Span span = TRACER.spanBuilder(name).startSpan();
    try (Scope scope = span.makeCurrent()) {
      call.get();
    } finally {
      span.end();
    }
    assertFalse(Span.current().getSpanContext().isValid(), "the caller's context is back");
    return span(name);
  }

  private static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }

  private static SpanData span(String name) {
    List<SpanData> named = spans(name, 1);
    return named.get(0);
  }

  /**
   * The {@code count} spans named {@code name}. The engine may report a task's end a moment
   * after the caller has its result (the last slot to finish can end the call while another
   * thread, whose slot finished just before, has yet to report it), so this waits for them.
   */
  private static List<SpanData> spans(String name, int count) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (spans(name).size() < count && System.nanoTime() < until) {
      Thread.yield();
    }
    List<SpanData> named = spans(name);
    assertEquals(count, named.size(), name + " in " + EXPORTER.getFinishedSpanItems());
    return named;
  }

  private static List<SpanData> spans(String name) {
    return EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }

  private static void assertChildOf(SpanData parent, SpanData child) {
    assertEquals(parent.getTraceId(), child.getTraceId(), child.getName());
    assertEquals(parent.getSpanId(), child.getParentSpanId(),
        child.getName() + " should be a child of " + parent.getName());
  }

  private static boolean hasException(SpanData span, String message) {
    return span.getEvents().stream().anyMatch(e -> e.getName().equals("exception")
        && message.equals(e.getAttributes().get(AttributeKey.stringKey("exception.message"))));
  }

  /** Each pooled thread has its own span current again: no task's context was left on it. */
  private static void assertThreadsAreClean() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertEquals("pool", POOL.submit(OpenTelemetryTest::ownSpan).get(10, TimeUnit.SECONDS));
      assertEquals("client", CLIENT.submit(OpenTelemetryTest::ownSpan).get(10, TimeUnit.SECONDS));
    }
  }

  private static String ownSpan() {
    return Context.current().get(OWN);
  }

  private static final io.opentelemetry.context.ContextKey<String> OWN =
      io.opentelemetry.context.ContextKey.named("own");

  private static ThreadFactory dirty(String name) {
    AtomicInteger count = new AtomicInteger();
    return body -> {
      Thread thread = new Thread(() -> {
        // A context of the thread's own, current for its whole life.
        try (Scope own = Context.root().with(OWN, name)
            .with(TRACER.spanBuilder(name + " thread").startSpan()).makeCurrent()) {
          body.run();
        }
      }, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
