package dev.fanout.processor.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A site's slots as a graph, each slot after the slots it reads: the order to submit them in, or
 * a cycle that forbids any.
 */
final class TaskGraph {
  private final List<List<Integer>> dependencies;

  /** {@code dependencies.get(i)}: the slots that slot {@code i} reads. */
  TaskGraph(List<List<Integer>> dependencies) {
    this.dependencies = List.copyOf(dependencies);
  }

  /**
   * The slots dependencies first, ties broken by slot index (so slot order itself where it is
   * already one); empty if there is a cycle.
   */
  Optional<List<Integer>> order() {
    int size = dependencies.size();
    int[] waiting = new int[size];
    List<List<Integer>> dependents = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < size; i++) {
      waiting[i] = dependencies.get(i).size();
      for (int dependency : dependencies.get(i)) {
        dependents.get(dependency).add(i);
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < size; i++) {
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      int slot = ready.poll();
      order.add(slot);
      for (int dependent : dependents.get(slot)) {
        if (--waiting[dependent] == 0) {
          ready.add(dependent);
        }
      }
    }
    return order.size() == size ? Optional.of(order) : Optional.empty();
  }

  /**
   * A cycle, as the slots in the order their results flow, the first one repeated at the end
   * ({@code user → orders → user}): the one through the lowest slot that lies on a cycle,
   * following each slot's first dependency on the cycle. Empty if there is none.
   */
  Optional<List<Integer>> cycle() {
    for (int start = 0; start < dependencies.size(); start++) {
      Optional<List<Integer>> path = pathBack(start, start, new boolean[dependencies.size()]);
      if (path.isPresent()) {
        // The path follows dependencies, against the flow: reversed, it reads as results flow.
        List<Integer> flow = new ArrayList<>(path.get());
        flow.add(0, start);
        Collections.reverse(flow);
        return Optional.of(flow);
      }
    }
    return Optional.empty();
  }

  /** A path from {@code from} along dependencies that ends at {@code target}, depth first. */
  private Optional<List<Integer>> pathBack(int from, int target, boolean[] seen) {
    for (int dependency : dependencies.get(from)) {
      if (dependency == target) {
        return Optional.of(new ArrayList<>(List.of(dependency)));
      }
      if (!seen[dependency]) {
        seen[dependency] = true;
        Optional<List<Integer>> rest = pathBack(dependency, target, seen);
        if (rest.isPresent()) {
          rest.get().add(0, dependency);
          return rest;
        }
      }
    }
    return Optional.empty();
  }
}
