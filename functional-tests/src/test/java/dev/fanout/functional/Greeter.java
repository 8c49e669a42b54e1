package dev.fanout.functional;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;

/** An interface owner: default and static task methods. */
public interface Greeter {
  @Async
  default String hello(String name) {
    return "hello " + name;
  }

  @Async
  static String bye(String name) {
    return "bye " + name;
  }

  @Gather({"hello", "bye"})
  List<String> both(String name);
}
