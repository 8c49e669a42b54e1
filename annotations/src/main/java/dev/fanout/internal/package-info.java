/**
 * The engine that generated coordinators call: slots, launching, concurrency limits, timeouts and
 * cancellation, written once for {@code @Gather}, {@code @Wait} and {@code @AsCompleted}.
 *
 * <p><b>Not API.</b> Public, and exported by the module {@code dev.fanout}, only so that generated
 * code in users' packages and modules can reach it; it may change in any version, and it is left
 * out of the published Javadoc. Users import from {@code dev.fanout}.
 */
package dev.fanout.internal;
