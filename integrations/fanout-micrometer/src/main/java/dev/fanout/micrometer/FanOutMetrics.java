package dev.fanout.micrometer;

import dev.fanout.FanOut;
import dev.fanout.FanOutListener;
import dev.fanout.Task;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer metrics of fan-out calls:
 *
 * <ul>
 *   <li>{@code fanout.call}, a {@link Timer} per site and outcome (tags {@code site},
 *       {@code outcome}: {@code COMPLETED}, {@code FAILED}, {@code TIMED_OUT}, {@code CANCELLED},
 *       {@code INTERRUPTED}), timing each call from its start to its result;
 *   <li>{@code fanout.task}, a {@link Timer} per site, task and outcome (tags {@code site},
 *       {@code task}, {@code outcome}: {@code SUCCESS}, {@code FAILED}, {@code CANCELLED}),
 *       timing each task from its start to its end; a task cancelled before it started counts
 *       with a time of 0;
 *   <li>{@code fanout.calls.active}, a gauge of the calls running now.
 * </ul>
 *
 * <p>It needs the application's registry, so {@link java.util.ServiceLoader} does not find it:
 * register it once.
 *
 * <pre>{@code
 * FanOut.register(new FanOutMetrics(meterRegistry));
 * }</pre>
 */
public final class FanOutMetrics implements FanOutListener {
  private final MeterRegistry registry;
  private final Set<FanOut.Call> running = ConcurrentHashMap.newKeySet();
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  /** A timer's name and tags; {@code task} is null for a call's. */
  private record Key(String name, String site, String task, String outcome) {}

  /**
   * Records into {@code registry}, and registers the gauge there.
   *
   * @param registry the application's meter registry
   */
  public FanOutMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("fanout.calls.active", running, Set::size)
        .description("fan-out calls running now")
        .register(registry);
  }

  @Override
  public void callStarted(FanOut.Call call) {
    running.add(call);
  }

  @Override
  public void taskFinished(FanOut.Call call, Task<?> task, long nanos) {
    timer(new Key("fanout.task", call.site(), task.name(), task.state().name()))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void callEnded(FanOut.Call call, FanOut.Ending ending, long nanos) {
    if (running.remove(call)) { // not one that started before this listener was registered
      timer(new Key("fanout.call", call.site(), null, ending.name()))
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private Timer timer(Key key) {
    Timer timer = timers.get(key);
    return timer != null ? timer : timers.computeIfAbsent(key, this::register);
  }

  private Timer register(Key key) {
    Timer.Builder builder = Timer.builder(key.name()).tag("site", key.site());
    if (key.task() != null) {
      builder.tag("task", key.task()).description("fan-out tasks, from start to end");
    } else {
      builder.description("fan-out calls, from start to result");
    }
    return builder.tag("outcome", key.outcome()).register(registry);
  }

  @Override
  public String toString() {
    return "FanOutMetrics[" + registry.getClass().getSimpleName() + "]";
  }
}
