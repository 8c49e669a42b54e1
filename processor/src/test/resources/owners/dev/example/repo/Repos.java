package dev.example.repo;

import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Holds a generic static nested owner. */
public final class Repos {
  private Repos() {}

  /** Both reads of one key, each as it ended. */
  public record Both<V>(Outcome<V> fresh, Outcome<V> cached) {}

  /** A generic nested owner: returnExceptions, futures, a CompletionStage task. */
  public abstract static class Repo<K extends Comparable<K>, V> {
    @Async
    protected CompletionStage<V> load(K key) {
      return CompletableFuture.completedFuture(cached(key));
    }

    @Async
    V cached(K key) {
      return null;
    }

    @Gather(value = "load", returnExceptions = true)
    public abstract List<Outcome<V>> loadAll(List<K> keys);

    @Gather(value = {"load", "cached"}, returnExceptions = true)
    public abstract CompletableFuture<Both<V>> both(K key);

    @Gather("load")
    public abstract CompletionStage<List<V>> loadAllLater(List<? extends K> keys);

    @Gather(value = {"load", "cached"}, returnExceptions = true)
    abstract List<Outcome<?>> anyway(K key);

    @Gather(value = "load", returnExceptions = true)
    abstract CompletableFuture<Void> touch(List<K> keys);

    @Gather({"load", "cached"})
    abstract CompletableFuture<Void> warm(K key);

    @Gather("cached")
    abstract List<? super V> cachedAll(List<K> keys);
  }
}
