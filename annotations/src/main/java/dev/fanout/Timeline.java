package dev.fanout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listener that records ended calls (the last 64 per site) and draws one as a Gantt chart:
 * one row per task in slot order, a bar from its start to its end scaled to the call's duration,
 * its time and its state. For tests, logs and the curious.
 *
 * <pre>{@code
 * Timeline timeline = new Timeline();
 * try (FanOut.Registration r = FanOut.register(timeline)) {
 *   dashboard.overview(42);
 * }
 * timeline.render("Dashboard.overview").ifPresent(System.out::println);
 * // Dashboard.overview  312 ms  FAILED (recs)
 * //   user    ██████░░░░░░░░░░░░░░░░░░░░░░░░   61 ms  SUCCESS
 * //   orders  ░░░░░░████████████████░░░░░░░░  160 ms  SUCCESS
 * //   recs    ░░░░░░██████████████████████░░  250 ms  FAILED IOException
 * //   score   ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░    —     CANCELLED
 * }</pre>
 */
public final class Timeline implements FanOutListener {
  private static final int KEPT_PER_SITE = 64;
  private static final int BAR = 30;

  private final Map<FanOut.Call, Recorded> running =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<String, Deque<Recorded>> ended = new ConcurrentHashMap<>();

  /** A timeline that records nothing until it is registered with {@link FanOut#register}. */
  public Timeline() {}

  @Override
  public void callStarted(FanOut.Call call) {
    running.put(call, new Recorded(call.site(), call.size(), System.nanoTime()));
  }

  @Override
  public void taskStarted(FanOut.Call call, Task<?> task) {
    Recorded recorded = running.get(call);
    if (recorded != null) {
      recorded.started(task.index(), System.nanoTime());
    }
  }

  @Override
  public void taskFinished(FanOut.Call call, Task<?> task, long nanos) {
    Recorded recorded = running.get(call);
    if (recorded != null) {
      String state = task.state().name();
      if (task.state() == Task.State.FAILED) {
        state += " " + task.exception().getClass().getSimpleName();
      }
      recorded.finished(task.index(), task.name(), state, System.nanoTime());
    }
  }

  @Override
  public void callEnded(FanOut.Call call, FanOut.Ending ending, long nanos) {
    Recorded recorded = running.remove(call);
    if (recorded == null) {
      return;
    }
    recorded.ended(ending, System.nanoTime());
    Deque<Recorded> calls = ended.computeIfAbsent(recorded.site, site -> new ArrayDeque<>());
    synchronized (calls) {
      calls.addLast(recorded);
      if (calls.size() > KEPT_PER_SITE) {
        calls.removeFirst();
      }
    }
  }

  /**
   * The last ended call of {@code site} as a text Gantt chart.
   *
   * @param site the site, as {@code Owner.method}
   * @return the chart; empty if no call of that site has ended since this timeline was registered
   */
  public Optional<String> render(String site) {
    return last(site).map(Recorded::text);
  }

  /**
   * The last ended call of {@code site} as an SVG document, to write to a file and open.
   *
   * @param site the site, as {@code Owner.method}
   * @return the SVG; empty if no call of that site has ended
   */
  public Optional<String> renderSvg(String site) {
    return last(site).map(Recorded::svg);
  }

  private Optional<Recorded> last(String site) {
    Deque<Recorded> calls = ended.get(site);
    if (calls == null) {
      return Optional.empty();
    }
    synchronized (calls) {
      return Optional.ofNullable(calls.peekLast());
    }
  }

  /** One call as it was recorded; its rows are written by the call's threads, read after its end. */
  private static final class Recorded {
    final String site;
    final long start;
    final Row[] rows;
    long end;
    String ending;

    Recorded(String site, int size, long start) {
      this.site = site;
      this.start = start;
      this.rows = new Row[size];
      for (int i = 0; i < size; i++) {
        rows[i] = new Row();
      }
    }

    synchronized void started(int index, long at) {
      rows[index].start = at;
    }

    synchronized void finished(int index, String name, String state, long at) {
      Row row = rows[index];
      row.name = name;
      row.state = state;
      row.end = at;
    }

    synchronized void ended(FanOut.Ending how, long at) {
      end = at;
      ending = how.name();
      if (how == FanOut.Ending.FAILED) {
        List<Row> failed = new ArrayList<>();
        for (Row row : rows) {
          if (row.state != null && row.state.startsWith("FAILED") && row.end != 0) {
            failed.add(row);
          }
        }
        failed.stream().min(Comparator.comparingLong(r -> r.end))
            .ifPresent(first -> ending += " (" + first.name + ")");
      }
    }

    synchronized String text() {
      long total = Math.max(1, end - start);
      int width = 0;
      for (int i = 0; i < rows.length; i++) {
        width = Math.max(width, rows[i].name(i).length());
      }
      StringBuilder chart = new StringBuilder();
      chart.append(site).append("  ").append(millis(total)).append("  ").append(ending).append('\n');
      for (int i = 0; i < rows.length; i++) {
        Row row = rows[i];
        String name = row.name(i);
        chart.append("  ").append(name).append(" ".repeat(width - name.length())).append("  ");
        int from = row.start == 0 ? BAR : scale(row.start - start, total);
        int to = row.start == 0 ? BAR : Math.max(from + 1, scale(row.endOr(end) - start, total));
        for (int c = 0; c < BAR; c++) {
          chart.append(c >= from && c < Math.min(to, BAR) ? '█' : '░');
        }
        String time = row.start == 0 ? "—" : millis(row.endOr(end) - row.start);
        chart.append("  ").append(String.format(Locale.ROOT, "%6s", time))
            .append("  ").append(row.state == null ? "RUNNING" : row.state).append('\n');
      }
      return chart.toString();
    }

    synchronized String svg() {
      long total = Math.max(1, end - start);
      int rowHeight = 22;
      int label = 140;
      int barWidth = 480;
      int height = 30 + rows.length * rowHeight + 10;
      int width = label + barWidth + 200;
      StringBuilder svg = new StringBuilder();
      svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
          .append("\" height=\"").append(height).append("\" font-family=\"monospace\" font-size=\"12\">\n");
      svg.append("  <text x=\"4\" y=\"18\" font-weight=\"bold\">").append(escape(site)).append("  ")
          .append(millis(total)).append("  ").append(escape(ending)).append("</text>\n");
      for (int i = 0; i < rows.length; i++) {
        Row row = rows[i];
        int y = 30 + i * rowHeight;
        svg.append("  <text x=\"4\" y=\"").append(y + 14).append("\">")
            .append(escape(row.name(i))).append("</text>\n");
        svg.append("  <rect x=\"").append(label).append("\" y=\"").append(y + 3)
            .append("\" width=\"").append(barWidth).append("\" height=\"14\" fill=\"#eee\"/>\n");
        if (row.start != 0) {
          long from = (row.start - start) * barWidth / total;
          long length = Math.max(1, (row.endOr(end) - row.start) * barWidth / total);
          svg.append("  <rect x=\"").append(label + from).append("\" y=\"").append(y + 3)
              .append("\" width=\"").append(length).append("\" height=\"14\" fill=\"")
              .append(color(row.state)).append("\"><title>")
              .append(escape(row.name(i) + " " + millis(row.endOr(end) - row.start)))
              .append("</title></rect>\n");
        }
        svg.append("  <text x=\"").append(label + barWidth + 8).append("\" y=\"").append(y + 14)
            .append("\">").append(row.start == 0 ? "—" : millis(row.endOr(end) - row.start))
            .append("  ").append(escape(row.state == null ? "RUNNING" : row.state))
            .append("</text>\n");
      }
      svg.append("</svg>\n");
      return svg.toString();
    }

    private static int scale(long nanos, long total) {
      return (int) Math.min(BAR, Math.max(0, nanos * BAR / total));
    }

    private static String color(String state) {
      if (state == null) {
        return "#4a90d9";
      }
      if (state.startsWith("FAILED")) {
        return "#d9534f";
      }
      return state.startsWith("CANCELLED") ? "#aaaaaa" : "#5cb85c";
    }

    private static String escape(String text) {
      return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String millis(long nanos) {
      return (nanos / 1_000_000) + " ms";
    }
  }

  /** One task's row. */
  private static final class Row {
    String name;
    String state;
    long start;
    long end;

    String name(int index) {
      return name == null ? "#" + index : name;
    }

    long endOr(long callEnd) {
      return end == 0 ? callEnd : end;
    }
  }
}
