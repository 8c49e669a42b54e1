package dev.fanout.example;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;

/**
 * A typed gather: two different tasks, one record. asyncio would hand back a tuple,
 * {@code user, orders = await asyncio.gather(user(id), orders(id))}; fanout fills a record whose
 * components are the slots, in order, each with its own type.
 */
public abstract class Shop {

  /** What {@link #overview(long)} returns: slot 0 is {@code user}, slot 1 is {@code orders}. */
  record Overview(String user, List<String> orders) {}

  @Async
  String user(long id) throws InterruptedException {
    Thread.sleep(50); // stands for a call to a user service
    return "user-" + id;
  }

  @Async
  List<String> orders(long id) throws InterruptedException {
    Thread.sleep(80); // stands for a call to an order service
    return List.of("order-" + id + "-a", "order-" + id + "-b");
  }

  /** Both tasks get {@code id}: task parameters are bound by name. */
  @Gather({"user", "orders"})
  abstract Overview overview(long id);
}
