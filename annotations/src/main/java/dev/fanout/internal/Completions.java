package dev.fanout.internal;

import dev.fanout.Task;
import java.util.ArrayDeque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The consumer's side of an as-completed call: yields finished slots in completion order,
 * blocking for each, as a sequential stream consumes them (one consumer at a time).
 *
 * <p>It reads the call's completion stack in order. The deadline is a marker on that stack, so
 * what finished before the deadline is yielded and nothing that finished after it is; at the
 * marker the timeout is thrown. Once this has thrown (a failure, the timeout, an interrupt),
 * every later request throws the same again.
 */
final class Completions<T> extends Spliterators.AbstractSpliterator<Task<T>> {
  private final FanOutCall<T> call;
  private final boolean results;
  private final ArrayDeque<Slot<?>> ready = new ArrayDeque<>();
  private Slot<?> pulledUpTo;
  private int yielded;
  private Throwable thrown;

  /** Yields tasks, or, with {@code results}, throws when it reaches a task that did not succeed. */
  Completions(FanOutCall<T> call, boolean results) {
    super(call.size(), Spliterator.ORDERED | Spliterator.NONNULL);
    this.call = call;
    this.results = results;
  }

  @Override
  public boolean tryAdvance(Consumer<? super Task<T>> action) {
    Slot<?> slot = next();
    if (slot == null) {
      return false;
    }
    if (results && slot.state() != Task.State.SUCCESS) {
      call.end(FanOutCall.FAILED); // cancels the tasks not yet yielded
      call.awaitSettled();
      throw rethrow(call.failure(slot, FanOutCall.Surface.STREAM));
    }
    action.accept(FanOutCall.unchecked(slot));
    return true;
  }

  /** The next finished slot in completion order, blocking for it; null once all were yielded. */
  private Slot<?> next() {
    if (thrown != null) {
      throw Sneaky.rethrow(thrown);
    }
    for (; ; ) {
      if (ready.isEmpty()) {
        pull();
      }
      Slot<?> slot = ready.pollFirst();
      if (slot != null) {
        if (!slot.isMarker()) {
          yielded++;
          return slot;
        }
        if (slot.doneCount < call.size()) { // the deadline, with tasks still unfinished
          call.end(FanOutCall.TIMED_OUT);
          call.awaitSettled();
          throw rethrow(call.timedOut(FanOutCall.Surface.STREAM));
        }
        continue; // everything had finished before the deadline: it is no timeout
      }
      if (yielded == call.size()) {
        call.end(FanOutCall.COMPLETED);
        call.awaitSettled();
        return null;
      }
      int phase = call.phase();
      if (phase >= FanOutCall.COMPLETED && phase != FanOutCall.TIMED_OUT) {
        call.awaitSettled();
        if (phase == FanOutCall.CANCELLED && !call.streamClosed()) {
          throw rethrow(call.cancelledByParent()); // its parent call ended
        }
        return null; // closed
      }
      park(); // a timed-out call has its marker on the stack: the next pull finds it
    }
  }

  /** Moves what finished since the last pull from the stack (newest first) to the queue. */
  private void pull() {
    Slot<?> top = call.head();
    for (Slot<?> s = top; s != pulledUpTo; s = s.previousDone) {
      ready.addFirst(s);
    }
    pulledUpTo = top;
  }

  /** Parks until something is pushed or the call ends; an interrupt cancels the call. */
  private void park() {
    call.waiter(Thread.currentThread());
    try {
      // Read after the waiter is published, so a push or an ending in between is not missed.
      if (call.head() != pulledUpTo || call.phase() >= FanOutCall.COMPLETED) {
        return;
      }
      if (Thread.interrupted()) {
        call.end(FanOutCall.INTERRUPTED);
        call.cancelAll();
        call.awaitSettled();
        Thread.currentThread().interrupt();
        CancellationException cancelled =
            new CancellationException(
                call.site.name() + " was interrupted; its tasks were cancelled");
        cancelled.initCause(new InterruptedException());
        throw rethrow(cancelled);
      }
      LockSupport.park(this);
    } finally {
      call.waiter(null);
    }
  }

  private RuntimeException rethrow(Throwable t) {
    thrown = t;
    throw Sneaky.rethrow(t);
  }
}
