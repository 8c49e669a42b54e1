/**
 * asyncio's {@code gather}, {@code wait} and {@code as_completed} for Java, generated at compile
 * time.
 *
 * <p>Mark task methods {@link dev.fanout.Async @Async} and declare abstract fan-out methods with
 * {@link dev.fanout.Gather @Gather}, {@link dev.fanout.Wait @Wait} or
 * {@link dev.fanout.AsCompleted @AsCompleted}. The fanout processor generates a
 * {@code <Owner>Coordinator} that implements the fan-out methods: it runs the tasks on an
 * executor and collects their results as the annotation says.
 *
 * <pre>{@code
 * public abstract class Dashboard {
 *   @Async User user(long id) { ... }
 *   @Async List<Order> orders(long id) { ... }
 *
 *   record Overview(User user, List<Order> orders) {}
 *
 *   @Gather({"user", "orders"}) abstract Overview overview(long id);   // both at once
 *   @Gather("user") abstract List<User> users(List<Long> ids);         // once per element
 * }
 *
 * Dashboard dashboard = new DashboardCoordinator();       // or new DashboardCoordinator(executor)
 * Dashboard.Overview overview = dashboard.overview(42);
 * }</pre>
 *
 * <p>The runtime types are {@link dev.fanout.Outcome}, {@link dev.fanout.Task},
 * {@link dev.fanout.WaitResult}, {@link dev.fanout.TaskFailedException} and
 * {@link dev.fanout.FanOutTimeoutException}. The package {@code dev.fanout.internal} holds the
 * engine that generated code calls; it is not API.
 */
package dev.fanout;
