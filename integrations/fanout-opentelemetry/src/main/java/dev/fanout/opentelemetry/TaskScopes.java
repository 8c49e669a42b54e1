package dev.fanout.opentelemetry;

import dev.fanout.FanOut;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@link SpanListener} leaves the scope of a task's span, so that it closes on the task's
 * own thread, inside out: {@link OpenTelemetryPropagator#restore} opens a frame around each task
 * body (and stage-task invocation), the listener's {@code taskStarted} makes the task span current
 * in that frame, and the frame closes that scope right before the propagator's own.
 *
 * <p>The listener cannot close it itself: its {@code taskFinished} comes after the propagators'
 * scopes have closed, and for a task cancelled while it runs, on the canceller's thread.
 */
final class TaskScopes {
  private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

  private TaskScopes() {}

  /** The scopes opened for one task invocation on this thread. */
  static final class Frame {
    private final Frame outer;
    private final FanOut.Call call;
    private List<Scope> opened;

    private Frame(Frame outer, FanOut.Call call) {
      this.outer = outer;
      this.call = call;
    }
  }

  /** Opens a frame for the task of {@code call} that this thread is about to run. */
  static Frame open(FanOut.Call call) {
    Frame frame = new Frame(CURRENT.get(), call);
    CURRENT.set(frame);
    return frame;
  }

  /** Closes what was made current in {@code frame}, newest first, and leaves the frame. */
  static void close(Frame frame) {
    try {
      List<Scope> opened = frame.opened;
      if (opened != null) {
        for (int i = opened.size() - 1; i >= 0; i--) {
          opened.get(i).close();
        }
      }
    } finally {
      if (frame.outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(frame.outer);
      }
    }
  }

  /**
   * Makes {@code context} current for the rest of the task of {@code call} that this thread runs,
   * if a frame for it is open; false (nothing made current) otherwise.
   */
  static boolean makeCurrent(FanOut.Call call, Context context) {
    Frame frame = CURRENT.get();
    if (frame == null || frame.call != call) {
      return false;
    }
    if (frame.opened == null) {
      frame.opened = new ArrayList<>(1);
    }
    frame.opened.add(context.makeCurrent());
    return true;
  }
}
