package dev.fanout.examples.spring;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.cache.annotation.Cacheable;

/**
 * Asks every provider for a price at once. Its coordinator is a Spring bean (see
 * {@link PriceApplication}); {@code @Cacheable} makes Spring proxy it, a CGLIB subclass of the
 * coordinator.
 */
public abstract class PriceBoard {
  private final QuoteSource source;

  protected PriceBoard(QuoteSource source) {
    this.source = source;
  }

  /** A task: one provider's quote. fanout's {@code @Async}, not Spring's. */
  @Async
  Quote quote(String provider, String sku) {
    return new Quote(provider, source.price(provider, sku));
  }

  /** Every provider's quote for {@code sku}, in provider order, asked all at once; cached. */
  @Cacheable("quotes")
  @Gather("quote")
  public abstract List<Quote> quotes(String sku, List<String> providers);

  /**
   * The cheapest quote. It calls {@link #quotes} on {@code this}, past Spring's proxy, so the cache
   * does not apply; the quotes are still asked all at once, since that is the coordinator's own
   * code, not advice.
   */
  public Quote cheapest(String sku, List<String> providers) {
    return quotes(sku, providers).stream()
        .min(Comparator.comparing(Quote::price))
        .orElseThrow();
  }

  /**
   * Spring's {@code @Async}, for contrast: on Boot's executor when called through the proxy, but
   * on the caller's thread when called on {@code this} (see {@link #threadNameOfSelfCall}).
   */
  @org.springframework.scheduling.annotation.Async
  public CompletableFuture<String> threadName() {
    return CompletableFuture.completedFuture(Thread.currentThread().getName());
  }

  /** Calls {@link #threadName} on {@code this}: Spring's proxy is bypassed, and so is its executor. */
  public String threadNameOfSelfCall() {
    return threadName().join();
  }
}
