package dev.fanout.example;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.ReturnWhen;
import dev.fanout.Wait;
import dev.fanout.WaitResult;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed blog post's coroutines and its three ways of awaiting them, as one fanout owner.
 *
 * <p>Where Python writes {@code async def}, fanout writes an {@code @Async} method with an
 * ordinary body; where Python calls {@code asyncio.gather(*tasks)}, fanout declares an abstract
 * method and the processor generates its body in {@code SeedDemoCoordinator}.
 */
public abstract class SeedDemo {

  // async def do_some_work(x):
  //     print("Hello:", x)
  //     return "work is done for {}".format(x)
  @Async
  String doSomeWork(int x) {
    System.out.println("Hello: " + x);
    return "work is done for " + x;
  }

  // async def test(): sleeps 1 s, then fails on the undefined name x (a NameError).
  @Async
  String test() throws InterruptedException {
    System.out.println("Hello test");
    Thread.sleep(1_000); // await asyncio.sleep(1)
    throw new IllegalStateException("name 'x' is not defined");
  }

  // async def test2(): sleeps 2 s, then returns "test2".
  @Async
  String test2() throws InterruptedException {
    System.out.println("Hello test2");
    Thread.sleep(2_000); // await asyncio.sleep(2)
    System.out.println("Hello again test2");
    return "test2";
  }

  /** {@code await asyncio.gather(*[do_some_work(x) for x in xs])}: results in input order. */
  @Gather("doSomeWork")
  abstract List<String> gatherAll(List<Integer> xs);

  /** {@code await asyncio.wait([do_some_work(x) for x in xs])}: all done, in completion order. */
  @Wait("doSomeWork")
  abstract WaitResult<String> waitAll(List<Integer> xs);

  /** {@code asyncio.as_completed([do_some_work(x) for x in xs])}: results as they finish. */
  @AsCompleted("doSomeWork")
  abstract Stream<String> asCompleted(List<Integer> xs);

  /** {@code await asyncio.wait([test(), test2()], return_when=FIRST_COMPLETED)}. */
  @Wait(value = {"test", "test2"}, returnWhen = ReturnWhen.FIRST_COMPLETED)
  abstract WaitResult<String> firstCompleted();
}
