package dev.fanout.processor.writer;

import dev.fanout.processor.model.ResultShape.Collector;
import dev.fanout.processor.model.Site;
import dev.fanout.processor.model.Slot;
import dev.fanout.processor.model.Slots;
import java.util.List;

/** The Javadoc of a generated fan-out method: which tasks it runs and what it returns. */
final class MethodJavadoc {
  /** Javadoc text fits in 100 columns after the method's indent and {@code " * "}. */
  private static final int WIDTH = 100 - 5;

  private MethodJavadoc() {}

  static String of(Site site) {
    boolean graph = site.slots() instanceof Slots.Named named && named.isGraph();
    StringBuilder doc = new StringBuilder()
        .append("Runs ").append(tasks(site))
        .append(graph ? ", each once the tasks it takes results from have ended, and "
            : " together and ")
        .append(result(site)).append('.');
    site.timeoutParameter().ifPresent(
        t -> doc.append(" {@code ").append(t).append("} is the call's timeout."));
    if (site.shape().async()) {
      doc.append(" Returns at once; cancelling the returned future cancels the tasks.");
    }
    return wrap(doc.toString());
  }

  /** {@code user} and {@code orders}; {@code user} once per element of {@code ids}. */
  private static String tasks(Site site) {
    if (site.slots() instanceof Slots.OverCollection over) {
      return code(over.slot().task().name()) + " once per element of " + code(over.collection());
    }
    List<Slot> slots = ((Slots.Named) site.slots()).slots();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < slots.size(); i++) {
      names.append(i == 0 ? "" : i == slots.size() - 1 ? " and " : ", ")
          .append(code(slots.get(i).task().name()));
    }
    return names.toString();
  }

  private static String result(Site site) {
    String order = site.slots() instanceof Slots.OverCollection over
        ? "in the order of " + code(over.collection())
        : "in task order";
    Collector collector = site.shape().collector();
    switch (collector) {
      case GATHER_VOID:
        return "waits for all of them, as {@code asyncio.gather}";
      case SETTLE_VOID:
        return "waits for every one to end, failed or not";
      case SETTLE_LIST:
      case SETTLE_RECORD:
        return "returns how each one ended, " + order + "; a failure is returned, not thrown";
      case WAIT_RESULT:
      case WAIT_RECORD:
        boolean timed = site.options().timeout().isPresent() || site.timeoutParameter().isPresent();
        return "returns the tasks when " + code(site.options().returnWhen().name()) + " holds"
            + (timed ? " or the timeout passes" : "") + ", as {@code asyncio.wait}";
      case RESULT_STREAM:
        return "streams their results in the order they finish, as {@code asyncio.as_completed}";
      case TASK_STREAM:
        return "streams the finished tasks in the order they finish";
      default:
        return "returns their results " + order + ", as {@code asyncio.gather}";
    }
  }

  private static String code(String name) {
    return "{@code " + name + "}";
  }

  /** Breaks at spaces outside {@code {@code ...}}, so that no line passes {@link #WIDTH}. */
  static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    int lineStart = 0;
    int lastBreak = -1;
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (c == ' ' && depth == 0) {
        lastBreak = i;
      }
      if (i - lineStart >= WIDTH && lastBreak > lineStart) {
        out.append(text, lineStart, lastBreak).append('\n');
        lineStart = lastBreak + 1;
      }
    }
    return out.append(text.substring(lineStart)).append('\n').toString();
  }
}
