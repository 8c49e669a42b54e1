package dev.example.pipeline;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A chain: {@code call} feeds {@code parse}, which feeds {@code store}. The task named
 * {@code call} clashes with the coordinator's own local of that name.
 */
public interface Pipeline {
  record Document(String text) {}

  @Async
  default String call(String url) {
    return "<p>" + url + "</p>";
  }

  @Async
  default Document parse(String call) {
    return new Document(call);
  }

  @Async
  default void store(Document parse) {}

  @Gather(value = {"call", "parse", "store"}, maxConcurrency = 1, timeout = "PT5S")
  List<Object> run(String url);

  @Gather({"store", "parse", "call"})
  CompletableFuture<Void> runAsync(String url);
}
