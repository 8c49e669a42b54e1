package dev.fanout.functional;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.Map;

/** A generic owner: its coordinator is generic too. */
public abstract class Repo<T> {
  private final Map<Long, T> rows;

  protected Repo(Map<Long, T> rows) {
    this.rows = rows;
  }

  @Async
  T find(long id) {
    return rows.get(id);
  }

  @Gather("find")
  abstract List<T> findAll(List<Long> ids);
}
