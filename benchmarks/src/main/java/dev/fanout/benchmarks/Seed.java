package dev.fanout.benchmarks;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.Wait;
import dev.fanout.WaitResult;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed blog post's {@code do_some_work} and its three ways of awaiting it, as in the example
 * app. Like the Python script beside it, it prints to the null device through an 8 KB buffer,
 * so that both sides pay for formatting and buffered writes, and neither for a terminal.
 */
public abstract class Seed {
  static final PrintStream OUT = nullDevice();

  @Async
  String doSomeWork(int x) {
    OUT.println("Hello: " + x);
    return "work is done for " + x;
  }

  @Gather("doSomeWork")
  abstract List<String> gatherAll(List<Integer> xs);

  @Wait("doSomeWork")
  abstract WaitResult<String> waitAll(List<Integer> xs);

  @AsCompleted("doSomeWork")
  abstract Stream<String> asCompleted(List<Integer> xs);

  private static PrintStream nullDevice() {
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    try {
      FileOutputStream device = new FileOutputStream(new File(windows ? "NUL" : "/dev/null"));
      return new PrintStream(new BufferedOutputStream(device, 8192), false);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
  }
}
