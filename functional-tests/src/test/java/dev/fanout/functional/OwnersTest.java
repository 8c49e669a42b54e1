package dev.fanout.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Owner kinds: interfaces, generic owners, nested owners, mirrored constructors. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OwnersTest {
  private static final Executor DIRECT = Runnable::run;

  @Test
  void anInterfaceOwnerGetsANoArgumentAndAnExecutorConstructor() {
    assertEquals(List.of("hello Ann", "bye Ann"), new GreeterCoordinator().both("Ann"));
    assertEquals(List.of("hello Bo", "bye Bo"), new GreeterCoordinator(DIRECT).both("Bo"));
  }

  @Test
  void aGenericOwnerGetsAGenericCoordinator() {
    Repo<String> repo = new RepoCoordinator<>(Map.of(1L, "one", 2L, "two"));
    assertEquals(List.of("two", "one"), repo.findAll(List.of(2L, 1L)));
    Repo<Integer> numbers = new RepoCoordinator<Integer>(DIRECT, Map.of(3L, 3));
    assertEquals(List.of(3), numbers.findAll(List.of(3L)));
  }

  @Test
  void aNestedOwnerMirrorsEveryAccessibleConstructor() throws IOException {
    assertEquals(List.of("1", "2"), new Outer_InnerCoordinator().tags(new int[] {1, 2}));
    assertEquals(List.of("1"), new Outer_InnerCoordinator(DIRECT).tags(new int[] {1}));
    assertEquals(List.of("p27"), new Outer_InnerCoordinator("p", 5, 6).tags(new int[] {7}));
    assertEquals(List.of("q08"), new Outer_InnerCoordinator(DIRECT, "q").tags(new int[] {8}));
  }
}
