package dev.fanout.examples.spring;

import java.math.BigDecimal;

/**
 * One provider's price for a SKU.
 *
 * @param provider who quoted
 * @param price what they ask
 */
public record Quote(String provider, BigDecimal price) {}
