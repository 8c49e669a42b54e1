package dev.fanout.internal;

import dev.fanout.FanOut;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * fanout's JFR events, {@code dev.fanout.Call} and {@code dev.fanout.Task}: disabled by default,
 * so they cost one check of a flag per call and per task until a recording enables them, which
 * it may do at any time.
 *
 * <p>Until JFR is initialized (a recording started, now or at launch) no recording can want them,
 * and the event classes are not even loaded, so an application that never records pays nothing at
 * start-up either. After that the flag is read from a probe instance, and only an enabled event is
 * allocated.
 */
final class Events {
  private Events() {}

  /** Loaded once JFR is initialized: instances whose {@code isEnabled()} reads the settings. */
  private static final class Probes {
    static final CallEvent CALL = new CallEvent();
    static final TaskEvent TASK = new TaskEvent();
  }

  private static boolean callsWanted() {
    return FlightRecorder.isInitialized() && Probes.CALL.isEnabled();
  }

  static boolean tasksWanted() {
    return FlightRecorder.isInitialized() && Probes.TASK.isEnabled();
  }

  /** A started call's event, or null when no recording wants it. */
  static CallEvent callStarted(FanOutCall<?> call) {
    if (!callsWanted()) {
      return null;
    }
    CallEvent event = new CallEvent();
    event.begin();
    event.site = call.site();
    event.size = call.size();
    return event;
  }

  static void callEnded(CallEvent event, FanOut.Ending ending) {
    event.end();
    if (event.shouldCommit()) {
      event.ending = ending.name();
      event.commit();
    }
  }

  /** A started task's event, or null when no recording wants it. */
  static TaskEvent taskStarted() {
    if (!tasksWanted()) {
      return null;
    }
    TaskEvent event = new TaskEvent();
    event.begin();
    return event;
  }

  /** A task ended: its event (begun at its start, or now if it never started) is committed. */
  static void taskFinished(TaskEvent started, Slot<?> slot) {
    TaskEvent event = started;
    if (event == null) {
      if (!tasksWanted()) {
        return;
      }
      event = new TaskEvent();
      event.begin();
    }
    event.end();
    if (event.shouldCommit()) {
      event.site = slot.call.site();
      event.task = slot.name();
      event.index = slot.index();
      event.state = slot.state().name();
      event.commit();
    }
  }

  /** One fan-out call, from its start to the moment its result was decided. */
  @Name("dev.fanout.Call")
  @Label("Fan-out Call")
  @Category("fanout")
  @Description("One call of a fan-out method, from its start until its result was decided")
  @Enabled(false)
  @StackTrace(false)
  static final class CallEvent extends Event {
    @Label("Site")
    String site;

    @Label("Size")
    @Description("The call's slots")
    int size;

    @Label("Ending")
    @Description("COMPLETED, FAILED, TIMED_OUT, CANCELLED or INTERRUPTED")
    String ending;
  }

  /** One task of a call, from its start to its end. */
  @Name("dev.fanout.Task")
  @Label("Fan-out Task")
  @Category("fanout")
  @Description("One task of a fan-out call, from its start to its end")
  @Enabled(false)
  @StackTrace(false)
  static final class TaskEvent extends Event {
    @Label("Site")
    String site;

    @Label("Task")
    String task;

    @Label("Index")
    @Description("The task's slot")
    int index;

    @Label("State")
    @Description("SUCCESS, FAILED or CANCELLED")
    String state;
  }
}
