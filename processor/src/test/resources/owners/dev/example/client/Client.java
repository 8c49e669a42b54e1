package dev.example.client;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.io.IOException;
import java.util.List;

/** A class owner whose constructors take parameters, and whose names clash with generated ones. */
public abstract class Client {
  private final String base;

  protected Client(String base, int retries) throws IOException {
    if (retries < 0) {
      throw new IOException("retries < 0");
    }
    this.base = base;
  }

  Client(String... executor) {
    this.base = String.join(",", executor);
  }

  <T extends CharSequence> Client(T base, List<? extends T> mirrors) {
    this.base = base + "+" + mirrors.size();
  }

  private Client() {
    this.base = "";
  }

  @Async
  String get(String call) {
    return base + call;
  }

  @Async
  String head(String executor, int result) {
    return base + executor + result;
  }

  @Gather("get")
  public abstract List<String> getAll(List<String> calls);

  @Gather("head")
  public abstract List<String> headAll(String executor, int[] results);
}
