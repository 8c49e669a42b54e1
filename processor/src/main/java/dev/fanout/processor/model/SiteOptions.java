package dev.fanout.processor.model;

import java.util.Optional;

/**
 * The attributes of a fan-out annotation that the engine's {@code Site} carries.
 *
 * @param maxConcurrency at most this many invocations in flight; 0 = unbounded
 * @param timeout the ISO-8601 timeout as written, if any
 * @param cancelOnFailure {@code @Gather}'s cancelOnFailure (true elsewhere)
 * @param returnWhen {@code @Wait}'s returnWhen ({@code ALL_COMPLETED} elsewhere)
 */
public record SiteOptions(
    int maxConcurrency,
    Optional<String> timeout,
    boolean cancelOnFailure,
    ReturnCondition returnWhen) {}
