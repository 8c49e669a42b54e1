package dev.fanout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a task body: a method that {@link Gather @Gather}, {@link Wait @Wait} and
 * {@link AsCompleted @AsCompleted} sites of the same owner may schedule.
 *
 * <p>Called directly, a task method is an ordinary synchronous call. A task method that returns
 * {@link java.util.concurrent.CompletableFuture} or {@link java.util.concurrent.CompletionStage}
 * is already asynchronous: fan-out sites invoke it directly and compose its result, so no thread
 * waits on it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
