package dev.fanout.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The coordinator as a proxied Spring bean: startup, cache, and self-invocation. */
@SpringBootTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PriceApplicationTest {
  private static final List<String> PROVIDERS = List.of("acme", "globex");

  @Autowired PriceBoard board;
  @Autowired RecordingSource source;

  @BeforeEach
  void resetSource() {
    source.calls.set(0);
    source.threads.clear();
    source.gate = new CountDownLatch(0);
  }

  @Test
  void theCoordinatorBeanIsACglibProxyOfTheCoordinator() {
    assertTrue(AopUtils.isCglibProxy(board), board.getClass().getName());
    assertEquals(PriceBoardCoordinator.class, AopUtils.getTargetClass(board));
  }

  @Test
  void aFanOutMethodCalledThroughTheProxyIsCached() {
    List<Quote> first = board.quotes("cached-sku", PROVIDERS);
    List<Quote> second = board.quotes("cached-sku", PROVIDERS);

    assertSame(first, second);
    assertEquals(List.of("acme", "globex"), first.stream().map(Quote::provider).toList());
    assertEquals(2, source.calls.get(), "each provider asked once, the second call cached");
  }

  @Test
  void aSelfInvokedFanOutStaysConcurrentOnBootsExecutor() {
    source.gate = new CountDownLatch(2); // each quote waits here until both have started

    Quote cheapest = board.cheapest("gated-sku", PROVIDERS);

    assertEquals("acme", cheapest.provider());
    assertEquals(2, source.threads.size(), "two quotes, each on its own thread at once");
    assertTrue(source.threads.stream().allMatch(name -> name.startsWith("task-")),
        "Boot's applicationTaskExecutor ran them: " + source.threads);
  }

  @Test
  void springsAsyncRunsOnTheCallerWhenSelfInvoked() {
    String caller = Thread.currentThread().getName();

    assertNotEquals(caller, board.threadName().join(), "through the proxy: Boot's executor");
    assertEquals(caller, board.threadNameOfSelfCall(), "self-invoked: the proxy is bypassed");
  }

  /** Counts calls, records threads, and can hold each call until enough have started. */
  static final class RecordingSource implements QuoteSource {
    final AtomicInteger calls = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public BigDecimal price(String provider, String sku) {
      calls.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      gate.countDown();
      try {
        if (!gate.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException(provider + " ran alone: the quotes were not concurrent");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return BigDecimal.valueOf(provider.length());
    }
  }

  @TestConfiguration
  static class Sources {
    @Bean
    @Primary
    RecordingSource recordingSource() {
      return new RecordingSource();
    }
  }
}
