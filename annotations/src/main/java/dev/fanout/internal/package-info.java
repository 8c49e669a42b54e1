/**
 * The engine that generated coordinators call: slots, launching, concurrency limits, timeouts and
 * cancellation, written once for {@code @Gather}, {@code @Wait} and {@code @AsCompleted}.
 *
 * <p>Public only so that generated code in users' packages can reach it; it is not API and may
 * change between versions. Users import from {@code dev.fanout}.
 */
package dev.fanout.internal;
