package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.internal.DefaultExecutor;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The small runtime API: Outcome, exceptions, the default executor. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RuntimeApiTest {

  @Test
  void outcomeGetOrThrowUnwrapsUncheckedAndWrapsChecked() {
    assertEquals("v", new Outcome.Success<>("v").getOrThrow());
    IllegalStateException unchecked = new IllegalStateException();
    assertSame(unchecked, assertThrows(IllegalStateException.class,
        () -> new Outcome.Failure<String>(unchecked).getOrThrow()));
    IOException checked = new IOException();
    TaskFailedException wrapped = assertThrows(TaskFailedException.class,
        () -> new Outcome.Failure<String>(checked).getOrThrow());
    assertSame(checked, wrapped.getCause());
    assertNull(new Outcome.Success<>(null).getOrThrow());
    assertThrows(NullPointerException.class, () -> new Outcome.Failure<>(null));
  }

  @Test
  void outcomeIsSealedToItsTwoRecords() {
    assertTrue(Outcome.class.isSealed());
    assertEquals(
        List.of(Outcome.Success.class, Outcome.Failure.class),
        List.of(Outcome.class.getPermittedSubclasses()));
  }

  @Test
  void taskFailedExceptionNamesTheTaskAndSlot() {
    IOException cause = new IOException("disk");
    TaskFailedException e = new TaskFailedException("read", 3, cause);
    assertEquals("read", e.name());
    assertEquals(3, e.index());
    assertSame(cause, e.getCause());
    assertTrue(e.getMessage().contains("\"read\""));
  }

  @Test
  void anEmptyWaitResultClosesQuietly() {
    WaitResult<String> empty = new WaitResult<>(List.of(), List.of());
    empty.close();
    assertEquals(List.of(), empty.done());
  }

  @Test
  void theDefaultExecutorIsVirtualOn21AndADaemonPoolBefore() throws Exception {
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    DefaultExecutor.get().execute(() -> ran.complete(Thread.currentThread()));
    Thread thread = ran.get(5, TimeUnit.SECONDS);
    assertFalse(thread instanceof ForkJoinWorkerThread, "never the common pool");
    boolean modern = Runtime.version().feature() >= 21;
    assertEquals(modern, DefaultExecutor.usesVirtualThreads());
    if (modern) {
      assertTrue(thread.toString().startsWith("VirtualThread"), thread.toString());
    } else {
      assertTrue(thread.isDaemon());
      assertTrue(thread.getName().startsWith("fanout-"), thread.getName());
    }
  }
}
