package dev.fanout.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Optional;

/**
 * How a site's results come back: which engine operation collects them and what the method
 * builds from it.
 *
 * @param collector the engine operation and the form of its result
 * @param async whether the method returns a future (the {@code ...Async} operation)
 * @param callType the {@code FanOutCall} type argument
 * @param construction the record or class built from the slot handles, for record forms
 * @param uncheckedCast the declared return type, when the engine's type must be cast to it
 */
public record ResultShape(
    Collector collector,
    boolean async,
    TypeName callType,
    Optional<Construction> construction,
    Optional<TypeName> uncheckedCast) {

  /**
   * A record or class built from the slot handles.
   *
   * @param type the raw class to instantiate
   * @param diamond whether to write {@code new R<>(...)} (the class is generic)
   */
  public record Construction(TypeName type, boolean diamond) {}

  /** What the method does with the engine operation's result. */
  public enum Form {
    /** Returns the operation's result as it is. */
    DIRECT,
    /** Builds a record or class from the slot handles. */
    RECORD,
    /** Returns nothing (or a {@code CompletableFuture<Void>}). */
    VOID
  }

  /** The engine operations, blocking and non-blocking, and what a record reads from a handle. */
  public enum Collector {
    GATHER_LIST("gatherList", "gatherListAsync", Form.DIRECT, ""),
    GATHER_RECORD("gather", "gatherAsync", Form.RECORD, ".result()"),
    GATHER_VOID("gather", "gatherAsync", Form.VOID, ""),
    SETTLE_LIST("settleList", "settleListAsync", Form.DIRECT, ""),
    SETTLE_RECORD("settle", "settleAsync", Form.RECORD, ".outcome()"),
    SETTLE_VOID("settle", "settleAsync", Form.VOID, ""),
    WAIT_RESULT("waitFor", "waitForAsync", Form.DIRECT, ""),
    WAIT_RECORD("waitFor", "waitForAsync", Form.RECORD, ""),
    RESULT_STREAM("asCompleted", "asCompletedAsync", Form.DIRECT, ""),
    TASK_STREAM("asCompletedTasks", "asCompletedTasksAsync", Form.DIRECT, "");

    private final String blocking;
    private final String nonBlocking;
    private final Form form;
    private final String handleAccessor;

    Collector(String blocking, String nonBlocking, Form form, String handleAccessor) {
      this.blocking = blocking;
      this.nonBlocking = nonBlocking;
      this.form = form;
      this.handleAccessor = handleAccessor;
    }

    /** The engine method: {@code gatherList} or, for a future, {@code gatherListAsync}. */
    public String method(boolean async) {
      return async ? nonBlocking : blocking;
    }

    public Form form() {
      return form;
    }

    /** What a record reads from a slot handle: {@code .result()}, {@code .outcome()} or nothing. */
    public String handleAccessor() {
      return handleAccessor;
    }
  }
}
