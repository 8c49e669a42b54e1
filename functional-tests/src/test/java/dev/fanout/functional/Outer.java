package dev.fanout.functional;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.io.IOException;
import java.util.List;

/** Holds a nested owner, whose coordinator is {@code Outer_InnerCoordinator}. */
public final class Outer {
  private Outer() {}

  /** A static nested owner with several constructors, one of them private. */
  public abstract static class Inner {
    final String prefix;

    protected Inner() {
      this("");
    }

    protected Inner(String prefix, int... extra) throws IOException {
      this(prefix + extra.length);
    }

    private Inner(String prefix) {
      this.prefix = prefix;
    }

    @Async
    String tag(int n) {
      return prefix + n;
    }

    @Gather("tag")
    public abstract List<String> tags(int[] ns);
  }
}
