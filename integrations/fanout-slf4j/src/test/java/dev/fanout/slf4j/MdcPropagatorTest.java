package dev.fanout.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The MDC reaches every task's log line, found by ServiceLoader (nothing is registered here),
 * through a real Logback appender; and nothing of it stays on a pooled thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MdcPropagatorTest {
  private static final List<String> KEYS = List.of("a", "b", "c", "d");

  /** Pool threads that carry a request id of their own, as a thread left dirty would. */
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2, dirty("pool"));
  private static final ExecutorService CLIENT = Executors.newFixedThreadPool(2, dirty("client"));

  private final Requests requests = new RequestsCoordinator(POOL);
  private final LineAppender lines = new LineAppender();

  @BeforeAll
  static void clientThreads() {
    Requests.client = CLIENT;
  }

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
    CLIENT.shutdownNow();
  }

  @BeforeEach
  void attach() {
    Requests.caller = Thread.currentThread();
    lines.start();
    Logger logger = (Logger) LoggerFactory.getLogger(Requests.class);
    logger.setLevel(Level.INFO);
    logger.addAppender(lines);
    MDC.put("request", "r-42");
  }

  @AfterEach
  void detach() {
    ((Logger) LoggerFactory.getLogger(Requests.class)).detachAppender(lines);
    MDC.clear();
  }

  @Test
  void blockingTasksLogWithTheCallersMdc() throws Exception {
    assertEquals(List.of("r-42", "r-42", "r-42", "r-42"), requests.lookups(KEYS));
    assertEveryLineCarriesTheRequest("lookup");
    assertPoolThreadsAreClean();
  }

  @Test
  void blockingTasksOneAtATimeLogWithTheCallersMdc() throws Exception {
    assertEquals(List.of("r-42", "r-42", "r-42", "r-42"), requests.lookupsOneAtATime(KEYS));
    assertEveryLineCarriesTheRequest("lookup");
    assertPoolThreadsAreClean();
  }

  @Test
  void stageTasksLogWithTheCallersMdc() throws Exception {
    assertEquals(List.of("r-42", "r-42", "r-42", "r-42"), requests.remotes(KEYS));
    assertEveryLineCarriesTheRequest("remote");
    assertPoolThreadsAreClean();
  }

  @Test
  void stageTasksLaunchedFromAnotherTasksThreadLogWithTheCallersMdc() throws Exception {
    assertEquals(List.of("r-42", "r-42", "r-42", "r-42"), requests.remotesOneAtATime(KEYS));
    assertEveryLineCarriesTheRequest("remote");
    // Under maxConcurrency = 1 each slot after the first is invoked where the stage before it
    // completed: on a client thread whose own MDC says request=client.
    for (String line : lines.lines.subList(1, lines.lines.size())) {
      assertTrue(line.startsWith("[client-"), line);
    }
    assertPoolThreadsAreClean();
  }

  @Test
  void aCallerWithoutMdcGivesTasksNone() throws Exception {
    MDC.clear();
    List<String> seen = requests.lookups(KEYS);
    assertEquals(4, seen.size());
    seen.forEach(request -> assertNull(request, "the pool thread's own MDC was hidden"));
    assertPoolThreadsAreClean();
  }

  private void assertEveryLineCarriesTheRequest(String task) {
    assertEquals(KEYS.size(), lines.lines.size(), lines.lines.toString());
    for (String line : lines.lines) {
      assertTrue(line.matches("\\[[a-z]+(-\\d+)?\\] request=r-42 " + task + " [a-d]"), line);
    }
  }

  /** The pooled threads' own MDC is back: nothing of a task's context was left on them. */
  private static void assertPoolThreadsAreClean() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertEquals("pool", POOL.submit(() -> MDC.get("request")).get(10, TimeUnit.SECONDS));
      assertEquals("client", CLIENT.submit(() -> MDC.get("request")).get(10, TimeUnit.SECONDS));
    }
  }

  private static ThreadFactory dirty(String name) {
    AtomicInteger count = new AtomicInteger();
    return body -> {
      Thread thread = new Thread(() -> {
        MDC.put("request", name);
        body.run();
      }, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Formats each event as a log line, on the thread that logged it. */
  private static final class LineAppender extends AppenderBase<ILoggingEvent> {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final PatternLayout layout = new PatternLayout();

    LineAppender() {
      layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
      layout.setPattern("[%thread] request=%X{request} %msg");
      layout.start();
      setContext(layout.getContext());
    }

    @Override
    protected void append(ILoggingEvent event) {
      lines.add(layout.doLayout(event));
    }
  }
}
