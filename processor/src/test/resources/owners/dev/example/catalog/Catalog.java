package dev.example.catalog;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.stream.Stream;

/** A class owner whose nested types are not records: an enum, an interface and a class result. */
public abstract class Catalog {
  public enum Kind { BOOK, FILM }

  public interface Priced {
    long cents();
  }

  /** A class result: built from its only constructor, one parameter per slot. */
  public static final class Entry {
    private final String title;
    private final Kind kind;

    public Entry(String title, Kind kind) {
      this.title = title;
      this.kind = kind;
    }

    @Override
    public String toString() {
      return title + " (" + kind + ")";
    }
  }

  @Async
  String title(long id) {
    return "title " + id;
  }

  @Async
  Kind kind(long id) {
    return id % 2 == 0 ? Kind.BOOK : Kind.FILM;
  }

  @Async
  Priced price(long id) {
    return () -> id * 100;
  }

  @Gather({"title", "kind"})
  public abstract Entry entry(long id);

  @AsCompleted("price")
  public abstract Stream<Priced> prices(List<Long> ids);
}
