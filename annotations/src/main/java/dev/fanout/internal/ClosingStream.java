package dev.fanout.internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A stream that closes itself when a terminal operation ends, so that a short-circuiting one
 * ({@code findFirst}, {@code anyMatch}, {@code limit(..).toList()} ...) cancels the tasks it did
 * not reach, just as closing it would. Intermediate operations keep the behaviour.
 *
 * <p>{@link #iterator()}, {@link #spliterator()} and the primitive streams of
 * {@code mapToInt}/{@code mapToLong}/{@code mapToDouble} hand control to the caller, who closes
 * them (try-with-resources) if they may stop early.
 */
final class ClosingStream<T> implements Stream<T> {
  private final Stream<T> delegate;

  ClosingStream(Stream<T> delegate) {
    this.delegate = delegate;
  }

  private <R> Stream<R> wrap(Stream<R> next) {
    return new ClosingStream<>(next);
  }

  /** Runs a terminal operation, then closes the pipeline whatever happened. */
  private <R> R terminal(Supplier<R> operation) {
    try {
      return operation.get();
    } finally {
      delegate.close();
    }
  }

  // ---- intermediate --------------------------------------------------------------------------

  @Override
  public Stream<T> filter(Predicate<? super T> predicate) {
    return wrap(delegate.filter(predicate));
  }

  @Override
  public <R> Stream<R> map(Function<? super T, ? extends R> mapper) {
    return wrap(delegate.map(mapper));
  }

  @Override
  public <R> Stream<R> flatMap(Function<? super T, ? extends Stream<? extends R>> mapper) {
    return wrap(delegate.flatMap(mapper));
  }

  @Override
  public IntStream mapToInt(ToIntFunction<? super T> mapper) {
    return delegate.mapToInt(mapper);
  }

  @Override
  public LongStream mapToLong(ToLongFunction<? super T> mapper) {
    return delegate.mapToLong(mapper);
  }

  @Override
  public DoubleStream mapToDouble(ToDoubleFunction<? super T> mapper) {
    return delegate.mapToDouble(mapper);
  }

  @Override
  public IntStream flatMapToInt(Function<? super T, ? extends IntStream> mapper) {
    return delegate.flatMapToInt(mapper);
  }

  @Override
  public LongStream flatMapToLong(Function<? super T, ? extends LongStream> mapper) {
    return delegate.flatMapToLong(mapper);
  }

  @Override
  public DoubleStream flatMapToDouble(Function<? super T, ? extends DoubleStream> mapper) {
    return delegate.flatMapToDouble(mapper);
  }

  @Override
  public Stream<T> distinct() {
    return wrap(delegate.distinct());
  }

  @Override
  public Stream<T> sorted() {
    return wrap(delegate.sorted());
  }

  @Override
  public Stream<T> sorted(Comparator<? super T> comparator) {
    return wrap(delegate.sorted(comparator));
  }

  @Override
  public Stream<T> peek(Consumer<? super T> action) {
    return wrap(delegate.peek(action));
  }

  @Override
  public Stream<T> limit(long maxSize) {
    return wrap(delegate.limit(maxSize));
  }

  @Override
  public Stream<T> skip(long n) {
    return wrap(delegate.skip(n));
  }

  @Override
  public Stream<T> takeWhile(Predicate<? super T> predicate) {
    return wrap(delegate.takeWhile(predicate));
  }

  @Override
  public Stream<T> dropWhile(Predicate<? super T> predicate) {
    return wrap(delegate.dropWhile(predicate));
  }

  @Override
  public Stream<T> sequential() {
    return wrap(delegate.sequential());
  }

  @Override
  public Stream<T> parallel() {
    return wrap(delegate.parallel());
  }

  @Override
  public Stream<T> unordered() {
    return wrap(delegate.unordered());
  }

  @Override
  public Stream<T> onClose(Runnable closeHandler) {
    return wrap(delegate.onClose(closeHandler));
  }

  // ---- terminal ------------------------------------------------------------------------------

  @Override
  public void forEach(Consumer<? super T> action) {
    terminal(() -> {
      delegate.forEach(action);
      return null;
    });
  }

  @Override
  public void forEachOrdered(Consumer<? super T> action) {
    terminal(() -> {
      delegate.forEachOrdered(action);
      return null;
    });
  }

  @Override
  public Object[] toArray() {
    return terminal(delegate::toArray);
  }

  @Override
  public <A> A[] toArray(IntFunction<A[]> generator) {
    return terminal(() -> delegate.toArray(generator));
  }

  @Override
  public T reduce(T identity, BinaryOperator<T> accumulator) {
    return terminal(() -> delegate.reduce(identity, accumulator));
  }

  @Override
  public Optional<T> reduce(BinaryOperator<T> accumulator) {
    return terminal(() -> delegate.reduce(accumulator));
  }

  @Override
  public <U> U reduce(
      U identity, BiFunction<U, ? super T, U> accumulator, BinaryOperator<U> combiner) {
    return terminal(() -> delegate.reduce(identity, accumulator, combiner));
  }

  @Override
  public <R> R collect(
      Supplier<R> supplier, BiConsumer<R, ? super T> accumulator, BiConsumer<R, R> combiner) {
    return terminal(() -> delegate.collect(supplier, accumulator, combiner));
  }

  @Override
  public <R, A> R collect(Collector<? super T, A, R> collector) {
    return terminal(() -> delegate.collect(collector));
  }

  @Override
  public Optional<T> min(Comparator<? super T> comparator) {
    return terminal(() -> delegate.min(comparator));
  }

  @Override
  public Optional<T> max(Comparator<? super T> comparator) {
    return terminal(() -> delegate.max(comparator));
  }

  @Override
  public long count() {
    return terminal(delegate::count);
  }

  @Override
  public boolean anyMatch(Predicate<? super T> predicate) {
    return terminal(() -> delegate.anyMatch(predicate));
  }

  @Override
  public boolean allMatch(Predicate<? super T> predicate) {
    return terminal(() -> delegate.allMatch(predicate));
  }

  @Override
  public boolean noneMatch(Predicate<? super T> predicate) {
    return terminal(() -> delegate.noneMatch(predicate));
  }

  @Override
  public Optional<T> findFirst() {
    return terminal(delegate::findFirst);
  }

  @Override
  public Optional<T> findAny() {
    return terminal(delegate::findAny);
  }

  @Override
  public Iterator<T> iterator() {
    return delegate.iterator();
  }

  @Override
  public Spliterator<T> spliterator() {
    return delegate.spliterator();
  }

  @Override
  public boolean isParallel() {
    return delegate.isParallel();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
