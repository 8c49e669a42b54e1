package dev.fanout.processor.model;

import java.util.List;

/** One task invocation of a site, with an argument for each task parameter in order. */
public record Slot(TaskMethod task, List<Argument> arguments) {

  public Slot {
    arguments = List.copyOf(arguments);
  }

  /** The slots this one reads, in parameter order: it runs after them. */
  public List<Argument.Dependency> dependencies() {
    return arguments.stream()
        .filter(Argument.Dependency.class::isInstance)
        .map(Argument.Dependency.class::cast)
        .toList();
  }
}
