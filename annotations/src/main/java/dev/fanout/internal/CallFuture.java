package dev.fanout.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * The future a non-blocking fan-out method returns. Exactly one side completes it, decided by
 * one compare-and-set: the engine, with the call's result, or the outside (a {@code cancel},
 * {@code complete} or {@code completeExceptionally} by its holder, an {@code orTimeout}). The
 * outside ends the call, and so cancels its unfinished tasks, <em>before</em> the future is
 * completed: whoever wakes on it finds nothing of the call still running.
 *
 * <p>Stages made from it ({@code thenApply} and the rest) are plain {@link CompletableFuture}s.
 */
final class CallFuture<R> extends CompletableFuture<R> {
  private static final VarHandle OWNER;

  static {
    try {
      OWNER = MethodHandles.lookup().findVarHandle(CallFuture.class, "owner", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final int NOBODY = 0;
  private static final int ENGINE = 1;
  private static final int OUTSIDE = 2;

  private final FanOutCall<?> call;
  private volatile int owner;

  CallFuture(FanOutCall<?> call) {
    this.call = call;
  }

  // ---- the engine ------------------------------------------------------------------------------

  /** The engine completes it with the call's result; false if the outside came first. */
  boolean deliver(R value) {
    return OWNER.compareAndSet(this, NOBODY, ENGINE) && super.complete(value);
  }

  /** The engine fails it; false if the outside came first. */
  boolean fail(Throwable failure) {
    return OWNER.compareAndSet(this, NOBODY, ENGINE) && super.completeExceptionally(failure);
  }

  // ---- the outside -----------------------------------------------------------------------------

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return fromOutside() && super.cancel(mayInterruptIfRunning);
  }

  @Override
  public boolean complete(R value) {
    return fromOutside() && super.complete(value);
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    return fromOutside() && super.completeExceptionally(ex);
  }

  /** Takes the future from the engine, then ends the call, before completing it; false if late. */
  private boolean fromOutside() {
    if (!OWNER.compareAndSet(this, NOBODY, OUTSIDE)) {
      return false;
    }
    call.completedFromOutside();
    return true;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>(); // a dependent stage is not the call's future
  }

  @Override
  public String toString() {
    return "CallFuture[" + call + ", " + super.toString() + "]";
  }
}
