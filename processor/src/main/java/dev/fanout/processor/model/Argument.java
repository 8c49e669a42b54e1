package dev.fanout.processor.model;

/** What a slot passes for one task parameter. */
public sealed interface Argument {

  /** The fan-out method's parameter of that name. */
  record Bound(String parameter) implements Argument {}

  /** The current element of the collection that a collection site iterates over. */
  record Element() implements Argument {}
}
