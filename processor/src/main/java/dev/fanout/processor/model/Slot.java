package dev.fanout.processor.model;

import java.util.List;

/** One task invocation of a site, with an argument for each task parameter in order. */
public record Slot(TaskMethod task, List<Argument> arguments) {

  public Slot {
    arguments = List.copyOf(arguments);
  }
}
