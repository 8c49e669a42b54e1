package dev.fanout.processor;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs a processor with a {@link Filer} that records the originating elements of each source it
 * creates: an isolating processor gives each file exactly one.
 */
final class OriginRecorder implements Processor {
  private final Processor delegate;
  private final Throwable failure;
  private final Map<String, String> origins = new TreeMap<>();
  private final Set<String> filerCalls = new TreeSet<>();
  private int rounds;

  OriginRecorder(Processor delegate) {
    this(delegate, null);
  }

  /** A recorder whose Filer throws {@code failure} (if not null) for every source created. */
  OriginRecorder(Processor delegate, Throwable failure) {
    this.delegate = delegate;
    this.failure = failure;
  }

  /** Source name → its originating elements, e.g. {@code [dev.example.Dashboard]}. */
  Map<String, String> origins() {
    return origins;
  }

  /** The names of the Filer methods the processor called. */
  Set<String> filerCalls() {
    return filerCalls;
  }

  /** How many rounds javac ran the processor in: none where errors stopped javac before. */
  int rounds() {
    return rounds;
  }

  @Override
  public void init(ProcessingEnvironment env) {
    Filer filer = proxy(Filer.class, env.getFiler(), (name, args) -> {
      filerCalls.add(name);
      if (name.equals("createSourceFile")) {
        origins.put(args[0].toString(), Arrays.toString((Element[]) args[1]));
        if (failure != null) {
          throw failure;
        }
      }
    });
    delegate.init(proxy(ProcessingEnvironment.class, env,
        (name, args) -> {}, "getFiler", filer));
  }

  /** Records the calls ({@code onCall}) and answers {@code method} with {@code answer}. */
  private static <T> T proxy(Class<T> type, T target, Recorder onCall, Object... overrides) {
    InvocationHandler handler = (proxy, method, args) -> {
      for (int i = 0; i < overrides.length; i += 2) {
        if (method.getName().equals(overrides[i])) {
          return overrides[i + 1];
        }
      }
      onCall.record(method.getName(), args);
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /** Sees one call on a proxy, and may fail it. */
  private interface Recorder {
    void record(String method, Object[] args) throws Throwable;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    rounds++;
    return delegate.process(annotations, round);
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }
}
