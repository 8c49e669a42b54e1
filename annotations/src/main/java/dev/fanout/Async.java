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
 *
 * <pre>{@code
 * public abstract class Dashboard {
 *   @Async User user(long id) throws IOException { ... }
 *   @Async CompletableFuture<Weather> weather(String city) { ... }  // composed, no thread parked
 *
 *   @Gather({"user", "weather"}) abstract Overview overview(long id, String city)
 *       throws IOException;
 * }
 * }</pre>
 *
 * <p>A task's parameters are bound by name to the fan-out method's parameters. A task must not
 * be private, abstract or generic.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
