package dev.fanout;

/**
 * When a {@link Wait @Wait} site returns, as asyncio's {@code return_when}.
 *
 * <pre>{@code
 * @Wait(value = {"primary", "replica"}, returnWhen = ReturnWhen.FIRST_EXCEPTION)
 * abstract WaitResult<?> both(long id);
 * }</pre>
 */
public enum ReturnWhen {
  /** Every task has finished. */
  ALL_COMPLETED,
  /** At least one task has finished: succeeded, failed or was cancelled. */
  FIRST_COMPLETED,
  /** A task has failed, or every task has finished. A cancelled task is not a failure. */
  FIRST_EXCEPTION
}
