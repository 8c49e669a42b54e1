package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOut;
import dev.fanout.Timeline;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JFR events, the JMX view and the timeline. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // a registration is held open for its block, never read in it
class ObservabilityTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  @TempDir Path dir;

  @Test
  void aRecordingThatEnablesTheEventsGetsOneCallAndOneTaskPerSlot() throws Exception {
    Path file = dir.resolve("fanout.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("dev.fanout.Call");
      recording.enable("dev.fanout.Task");
      recording.start();
      FanOutCall<String> call = new FanOutCall<>(POOL, Site.named("Jfr.call"));
      call.submit("ok", () -> "ok");
      call.submit("fails", () -> {
        throw new IllegalStateException("boom");
      });
      call.settleList();
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    List<RecordedEvent> calls = events.stream()
        .filter(e -> e.getEventType().getName().equals("dev.fanout.Call")).toList();
    assertEquals(1, calls.size(), events.toString());
    assertEquals("Jfr.call", calls.get(0).getString("site"));
    assertEquals(2, calls.get(0).getInt("size"));
    assertEquals("COMPLETED", calls.get(0).getString("ending"));
    Map<String, String> tasks = events.stream()
        .filter(e -> e.getEventType().getName().equals("dev.fanout.Task"))
        .collect(Collectors.toMap(e -> e.getString("task") + "#" + e.getInt("index"),
            e -> e.getString("site") + " " + e.getString("state")));
    assertEquals(Map.of("ok#0", "Jfr.call SUCCESS", "fails#1", "Jfr.call FAILED"), tasks);
    assertFalse(calls.get(0).getDuration().isNegative());
  }

  @Test
  void withoutARecordingNoEventIsMade() throws Exception {
    FanOutCall<String> call = new FanOutCall<>(POOL, Site.named("Jfr.off"));
    Slot<?> slot = (Slot<?>) call.submit("ok", () -> "ok");
    call.gatherList();
    assertEquals(null, slot.event());
    // Nothing registered, no recording, no child call, no future handed out: a task carries
    // nothing for any of them (issue 13: "with no listener, nothing is allocated per task").
    assertEquals(null, slot.extrasIfAny());
  }

  @Test
  void theMBeanDumpsTheCallsRunningNow() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, Site.named("Jmx.running"));
    call.submit("hang", hang);
    var running = call.gatherListAsync();
    assertTrue(hang.awaitStarted());
    ObjectName name = new ObjectName("dev.fanout:type=FanOut");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
      assertTrue(System.nanoTime() < until, "registered when the engine was first used");
      Thread.sleep(10); // registration runs beside the first call, not in its way
    }
    Object dump = ManagementFactory.getPlatformMBeanServer().invoke(name, "dump", null, null);
    assertTrue(dump.toString().contains("Jmx.running"), dump.toString());
    assertTrue(dump.toString().contains("hang  RUNNING"), dump.toString());
    running.cancel(true);
    assertTrue(hang.awaitInterrupted());
  }

  @Test
  void aTimelineDrawsTheLastCallOfASiteAsTextAndSvg() throws IOException {
    Timeline timeline = new Timeline();
    CountDownLatch userDone = new CountDownLatch(1);
    try (FanOut.Registration r = FanOut.register(timeline)) {
      FanOutCall<Object> call = new FanOutCall<>(POOL, Site.named("Dashboard.overview"), 4);
      dev.fanout.Task<String> user = call.submit(0, "user", () -> {
        Thread.sleep(30);
        userDone.countDown();
        return "ann";
      });
      call.submit(1, "orders", () -> {
        Thread.sleep(60);
        return user.result() + "'s orders";
      }, Dependency.on(user));
      dev.fanout.Task<String> recs = call.submit(2, "recs", () -> {
        throw new IOException("recs down");
      }, Dependency.on(user));
      call.submit(3, "score", () -> recs.result(), Dependency.on(recs));
      call.settleList();
    }
    String chart = timeline.render("Dashboard.overview").orElseThrow();
    List<String> lines = chart.lines().toList();
    assertEquals(5, lines.size(), chart);
    assertTrue(lines.get(0).matches("Dashboard\\.overview  \\d+ ms  COMPLETED"), chart);
    assertTrue(lines.get(1).matches("  user    [█░]{30} +\\d+ ms  SUCCESS"), chart);
    // Not "user starts in the first columns": on a loaded machine a pool thread may take a
    // sizeable part of the call to pick the first task up.
    assertTrue(lines.get(1).indexOf('█') < lines.get(2).indexOf('█'),
        "user starts before orders: " + chart);
    assertTrue(lines.get(2).indexOf('█') >= lines.get(1).lastIndexOf('█'),
        "orders starts where user ends: " + chart);
    assertTrue(lines.get(2).matches("  orders  ░+█+░* +\\d+ ms  SUCCESS"), chart);
    assertTrue(lines.get(3).matches("  recs    ░+█+░* +\\d+ ms  FAILED IOException"), chart);
    assertTrue(lines.get(4).matches("  score   ░{30} +—  CANCELLED"), chart);
    String svg = timeline.renderSvg("Dashboard.overview").orElseThrow();
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertEquals(4 + 3, svg.split("<rect").length - 1, svg); // 4 tracks, 3 bars (score never ran)
    assertFalse(timeline.render("Nobody.called").isPresent());
  }

  @Test
  void aFailedCallNamesTheTaskThatFailedIt() {
    Timeline timeline = new Timeline();
    try (FanOut.Registration r = FanOut.register(timeline)) {
      FanOutCall<String> call = new FanOutCall<>(Runnable::run, Site.named("Shop.checkout"));
      call.submit("pay", () -> {
        throw new IllegalStateException("declined");
      });
      call.submit("ship", () -> "shipped");
      try {
        call.gatherList();
      } catch (IllegalStateException expected) {
        // the chart is the point
      }
    }
    String first = timeline.render("Shop.checkout").orElseThrow().lines().findFirst().orElseThrow();
    assertTrue(first.endsWith("FAILED (pay)"), first);
  }
}
