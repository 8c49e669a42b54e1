package dev.fanout.processor.model;

/**
 * {@code @Wait}'s {@code returnWhen}, read from the annotation mirror: the same constants as
 * {@code dev.fanout.ReturnWhen}, which the processor does not load, so that its jar needs nothing
 * else on the processor path. A test keeps the two in step.
 */
public enum ReturnCondition {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION
}
