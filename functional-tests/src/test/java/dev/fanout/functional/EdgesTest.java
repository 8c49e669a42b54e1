package dev.fanout.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Owners with unusual but valid signatures compile and run as written. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EdgesTest {
  private final Edges edges = new EdgesCoordinator();

  @Test
  void wildcardListsAndVarargsFeedOneTaskPerElement() {
    assertEquals(List.of(1, 2, 3), edges.nums(List.of(1, 2.5, 3L)));
    assertEquals(List.of(4, 5), edges.numsOf(4, 5));
  }

  @Test
  void aGenericRecordTakesTheSlotsInOrder() {
    assertEquals(new Edges.Pair<>(7, "q"), edges.pair(7.9, "q"));
  }

  @Test
  void overloadedFanOutMethodsAreEachImplemented() {
    assertEquals(List.of("s"), edges.overloaded("s"));
    assertEquals(List.of(9), edges.overloaded(9));
  }

  @Test
  void voidTasksGatherToVoidAndToAVoidStage() throws Exception {
    edges.logAll(List.of("a", "b"));
    assertNull(edges.logAllLater(List.of("c")).toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(Set.of("a", "b", "c"), new HashSet<>(edges.logged));
  }

  @Test
  void stagesAndPlainTasksMixUnderACommonSupertype() {
    assertEquals(List.of(30L, 4), edges.mixed(3, 4.2));
  }

  @Test
  void futuresOfWaitAndStreamShapes() throws Exception {
    WaitResult<Long> waited = edges.waitLater(new long[] {1, 2}, Duration.ofSeconds(10))
        .get(5, TimeUnit.SECONDS);
    assertEquals(2, waited.done().size());
    try (Stream<Task<Long>> stream =
        edges.streamLater(List.of(5L, 6L)).toCompletableFuture().get(5, TimeUnit.SECONDS)) {
      assertEquals(Set.of(50L, 60L), stream.map(Task::result).collect(Collectors.toSet()));
    }
  }
}
