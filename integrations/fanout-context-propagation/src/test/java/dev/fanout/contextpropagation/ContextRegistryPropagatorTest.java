package dev.fanout.contextpropagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.context.ContextRegistry;
import java.util.List;
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

/**
 * A ThreadLocal registered in Micrometer's ContextRegistry reaches every task, through the
 * propagator that ServiceLoader found (nothing is registered with fanout here).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ContextRegistryPropagatorTest {
  private static final List<String> KEYS = List.of("a", "b", "c", "d");
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2, dirty("pool"));
  private static final ExecutorService CLIENT = Executors.newFixedThreadPool(2, dirty("client"));

  private final Tenants tenants = new TenantsCoordinator(POOL);

  @BeforeAll
  static void register() {
    ContextRegistry.getInstance().registerThreadLocalAccessor("test.tenant", Tenants.TENANT);
    Tenants.client = CLIENT;
  }

  @AfterAll
  static void shutdown() {
    ContextRegistry.getInstance().removeThreadLocalAccessor("test.tenant");
    POOL.shutdownNow();
    CLIENT.shutdownNow();
  }

  @BeforeEach
  void caller() {
    Tenants.caller = Thread.currentThread();
  }

  @AfterEach
  void clear() {
    Tenants.TENANT.remove();
  }

  @Test
  void everyTaskSeesTheCallersTenant() throws Exception {
    Tenants.TENANT.set("acme");
    assertEquals(List.of("a@acme", "b@acme", "c@acme", "d@acme"), tenants.locals(KEYS));
    assertThreadsAreClean();
  }

  @Test
  void soUnderMaxConcurrencyOne() throws Exception {
    Tenants.TENANT.set("acme");
    assertEquals(List.of("a@acme", "b@acme", "c@acme", "d@acme"), tenants.localsOneAtATime(KEYS));
    assertThreadsAreClean();
  }

  @Test
  void soForStageTasksLaunchedFromAnotherTasksThread() throws Exception {
    Tenants.TENANT.set("acme");
    List<String> seen = tenants.remotesOneAtATime(KEYS);
    for (int i = 0; i < KEYS.size(); i++) {
      assertTrue(seen.get(i).startsWith(KEYS.get(i) + "@acme on "), seen.get(i));
    }
    // Each slot after the first was invoked on the client thread that completed the stage
    // before it, whose own tenant is "client".
    assertTrue(seen.stream().skip(1).allMatch(s -> s.contains(" on client-")), seen.toString());
    assertThreadsAreClean();
  }

  @Test
  void aCallerWithoutATenantHidesThePooledThreadsOwn() throws Exception {
    assertEquals(List.of("a@null", "b@null"), tenants.locals(List.of("a", "b")));
    assertThreadsAreClean();
  }

  /** The pooled threads have their own tenant back: nothing of a task's context was left. */
  private static void assertThreadsAreClean() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertEquals("pool", POOL.submit(Tenants.TENANT::get).get(10, TimeUnit.SECONDS));
      assertEquals("client", CLIENT.submit(Tenants.TENANT::get).get(10, TimeUnit.SECONDS));
    }
  }

  private static ThreadFactory dirty(String name) {
    AtomicInteger count = new AtomicInteger();
    return body -> {
      Thread thread = new Thread(() -> {
        Tenants.TENANT.set(name);
        body.run();
      }, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
