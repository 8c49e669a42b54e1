package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the table: a fanout variant and the anchors it is compared with, measured in paired
 * rounds. Each round runs every variant once, in an order that rotates from round to round, and
 * yields one ratio per anchor (fanout's time over the anchor's); the row reports the median and
 * the quartiles of those ratios, so that a slow spell of the machine, which hits both variants of
 * a round alike, cancels out of the ratio.
 */
final class Row {
  /** One way to do the row's work; returns something derived from the results, so none is dead. */
  interface Variant {
    long run() throws Exception;
  }

  final String name;
  final long tasksPerOp;
  private final List<String> names = new ArrayList<>();
  private final List<Variant> variants = new ArrayList<>();
  private final List<Boolean> selfTimed = new ArrayList<>();
  private final List<Runnable> opens = new ArrayList<>();
  private final List<Runnable> closes = new ArrayList<>();
  private Runnable afterEach = () -> {};

  Row(String name, long tasksPerOp) {
    this.name = name;
    this.tasksPerOp = tasksPerOp;
  }

  /** Adds a variant; the first one added is fanout, the ones after it its anchors. */
  Row variant(String variantName, Variant variant) {
    return variant(variantName, variant, () -> { }, () -> { });
  }

  /**
   * Adds a variant that needs something in place while it runs (a listener registered, a
   * recording started): {@code open} runs before each of its measurements and {@code close}
   * after, both outside the timing.
   */
  Row variant(String variantName, Variant variant, Runnable open, Runnable close) {
    names.add(variantName);
    variants.add(variant);
    selfTimed.add(false);
    opens.add(open);
    closes.add(close);
    return this;
  }

  /**
   * Adds a variant that times itself: it returns the nanoseconds of the part to compare (e.g.
   * the cancels alone, without building what they cancel; or another process's own timing).
   */
  Row timedVariant(String variantName, Variant variant) {
    names.add(variantName);
    variants.add(variant);
    selfTimed.add(true);
    opens.add(() -> { });
    closes.add(() -> { });
    return this;
  }

  /** Runs after every measurement, outside the timing (e.g. to let go of threads). */
  Row afterEach(Runnable action) {
    this.afterEach = action;
    return this;
  }

  List<String> names() {
    return names;
  }

  /** The measured row: per variant the times of one op, per anchor the per-round ratios. */
  Result measure(Budget budget) throws Exception {
    int k = variants.size();
    long[] reps = new long[k];
    Arrays.fill(reps, 1);
    // Warm-up: also calibrates how many ops one measurement takes (at least budget.minBatch).
    long warmupEnd = System.nanoTime() + budget.warmupNanos;
    int warmRounds = 0;
    while (System.nanoTime() < warmupEnd || warmRounds < budget.minWarmupRounds) {
      for (int v = 0; v < k; v++) {
        if (selfTimed.get(v) && reps[v] == 1 && warmRounds > 0) {
          continue; // a self-timed variant warms up once: another process, or a cold javac
        }
        long t = time(v, reps[v]);
        while (t < budget.minBatchNanos && reps[v] < (1 << 24)) {
          reps[v] *= 2;
          t = time(v, reps[v]);
        }
      }
      warmRounds++;
    }

    List<double[]> perOp = new ArrayList<>(); // per round: ns per op of each variant
    long end = System.nanoTime() + budget.measureNanos;
    int round = 0;
    while ((System.nanoTime() < end || round < budget.minRounds) && round < budget.maxRounds) {
      double[] ns = new double[k];
      for (int i = 0; i < k; i++) {
        int v = (i + round) % k; // rotate the order: no variant always goes first
        ns[v] = (double) time(v, reps[v]) / reps[v];
      }
      perOp.add(ns);
      round++;
    }
    return new Result(this, perOp);
  }

  private long sink;

  private long time(int v, long reps) throws Exception {
    Variant variant = variants.get(v);
    long elapsed;
    opens.get(v).run();
    if (selfTimed.get(v)) {
      elapsed = 0;
      for (long r = 0; r < reps; r++) {
        elapsed += variant.run();
      }
    } else {
      long start = System.nanoTime();
      for (long r = 0; r < reps; r++) {
        sink += variant.run();
      }
      elapsed = System.nanoTime() - start;
    }
    closes.get(v).run();
    afterEach.run();
    return elapsed;
  }

  /** How long a row may take. */
  static final class Budget {
    final long warmupNanos;
    final long measureNanos;
    final long minBatchNanos;
    final int minWarmupRounds;
    final int minRounds;
    final int maxRounds;

    Budget(double warmupSeconds, double measureSeconds, double minBatchMillis, int minWarmupRounds,
        int minRounds, int maxRounds) {
      this.warmupNanos = (long) (warmupSeconds * 1e9);
      this.measureNanos = (long) (measureSeconds * 1e9);
      this.minBatchNanos = (long) (minBatchMillis * 1e6);
      this.minWarmupRounds = minWarmupRounds;
      this.minRounds = minRounds;
      this.maxRounds = maxRounds;
    }

    Budget scaled(double factor) {
      return new Budget(warmupNanos * factor / 1e9, measureNanos * factor / 1e9,
          minBatchNanos / 1e6, minWarmupRounds, minRounds, maxRounds);
    }
  }

  /** A measured row. */
  static final class Result {
    final Row row;
    final List<double[]> perOp;

    Result(Row row, List<double[]> perOp) {
      this.row = row;
      this.perOp = perOp;
    }

    int rounds() {
      return perOp.size();
    }

    /** Median ns per op of variant v. */
    double medianNanos(int v) {
      return quantile(column(v, -1), 0.5);
    }

    /** Quartiles (q1, median, q3) of fanout's time over anchor a's, one ratio per round. */
    double[] ratio(int anchor) {
      double[] r = column(0, anchor);
      return new double[] {quantile(r, 0.25), quantile(r, 0.5), quantile(r, 0.75)};
    }

    /** Quartiles of anchor a's time over fanout's (how many times faster fanout is). */
    double[] speedup(int anchor) {
      double[] r = column(anchor, 0);
      return new double[] {quantile(r, 0.25), quantile(r, 0.5), quantile(r, 0.75)};
    }

    private double[] column(int v, int over) {
      double[] values = new double[perOp.size()];
      for (int i = 0; i < values.length; i++) {
        double[] ns = perOp.get(i);
        values[i] = over < 0 ? ns[v] : ns[v] / ns[over];
      }
      return values;
    }
  }

  /** Linear interpolation between order statistics (the usual "type 7" quantile). */
  static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
