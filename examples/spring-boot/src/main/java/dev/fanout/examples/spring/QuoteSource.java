package dev.fanout.examples.spring;

import java.math.BigDecimal;

/** Where prices come from: in a real application, one remote call per provider. */
public interface QuoteSource {
  /** The price that {@code provider} asks for {@code sku}. */
  BigDecimal price(String provider, String sku);
}
