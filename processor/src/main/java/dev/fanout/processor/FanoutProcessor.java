package dev.fanout.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.fanout.processor.model.Owner;
import dev.fanout.processor.model.SiteKind;
import dev.fanout.processor.validation.ErrorTypes;
import dev.fanout.processor.validation.GeneratedAnnotation;
import dev.fanout.processor.validation.OwnerValidator;
import dev.fanout.processor.validation.Report;
import dev.fanout.processor.writer.CoordinatorWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates a {@code <Owner>Coordinator} for every type with fan-out methods: for each owner,
 * validate (reporting every error) → model → write.
 */
@AutoService(Processor.class)
public final class FanoutProcessor extends AbstractProcessor {
  private static final String ASYNC = "dev.fanout.Async";
  /** Enough for a coordinator of a few fan-out methods without growing. */
  private static final int INITIAL_SOURCE_CAPACITY = 16 * 1024;

  /** Owners whose signatures name a type that may be generated in a later round. */
  private final Set<String> deferred = new TreeSet<>();
  private final Set<String> done = new HashSet<>();
  private final Set<List<Object>> printed = new HashSet<>();
  /**
   * javac's trees, if this is javac: looked up (reflectively) for the first owner and kept, not
   * looked up once per owner; looked up there and not in init, so that a failure is reported on
   * the owner as before.
   */
  private Optional<Trees> trees = Optional.empty();
  private boolean treesLookedUp;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new TreeSet<>();
    names.add(ASYNC);
    for (SiteKind kind : SiteKind.values()) {
      names.add(kind.annotationName());
    }
    return names;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<String, TypeElement> owners = new LinkedHashMap<>();
    for (String name : deferred) {
      Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name))
          .ifPresent(owner -> owners.put(name, owner));
    }
    deferred.clear();
    findOwners(round).forEach(owner -> owners.putIfAbsent(key(owner), owner));
    for (Map.Entry<String, TypeElement> owner : owners.entrySet()) {
      if (done.add(owner.getKey())) {
        processSafely(owner.getValue(), round.processingOver());
      }
    }
    // Claims the annotations javac passed in, which are only ever fanout's own (the exact names of
    // getSupportedAnnotationTypes): no other processor has a use for them, and unclaimed they
    // fail -Xlint:all -Werror builds with "No processor claimed any of these annotations".
    return true;
  }

  /** The enclosing types of every method that carries a fanout annotation. */
  private List<TypeElement> findOwners(RoundEnvironment round) {
    Map<String, TypeElement> owners = new LinkedHashMap<>();
    for (String name : getSupportedAnnotationTypes()) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation == null) {
        continue;
      }
      for (Element method : round.getElementsAnnotatedWith(annotation)) {
        if (method.getEnclosingElement() instanceof TypeElement owner) {
          owners.putIfAbsent(key(owner), owner);
        }
      }
    }
    return List.copyOf(owners.values());
  }

  /** Never lets an exception reach javac: it becomes an error on the owner. */
  private void processSafely(TypeElement owner, boolean lastRound) {
    try {
      process(owner, lastRound);
    } catch (Throwable t) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(
          Diagnostic.Kind.ERROR, Diagnostics.internalError(trace.toString()), owner);
    }
  }

  private void process(TypeElement owner, boolean lastRound) {
    Optional<TypeMirror> missing = ErrorTypes.firstIn(owner);
    if (missing.isPresent()) {
      defer(owner, missing.get(), lastRound);
      return;
    }
    Report report = new Report(processingEnv.getMessager(), printed);
    Optional<Owner> model = new OwnerValidator(processingEnv.getElementUtils(),
        processingEnv.getTypeUtils(), report, foreignTypes(owner)).validate(owner);
    if (model.isPresent()) {
      write(model.get());
    }
  }

  /**
   * Renders the coordinator into memory, then creates its file and writes it in one piece: JavaPoet
   * writing straight to the Filer's writer sends it many small pieces, each encoded on its own.
   */
  private void write(Owner owner) {
    JavaFile file = CoordinatorWriter.write(owner);
    try {
      StringBuilder text = new StringBuilder(INITIAL_SOURCE_CAPACITY);
      file.writeTo(text);
      String name = file.packageName().isEmpty() ? file.typeSpec().name()
          : file.packageName() + "." + file.typeSpec().name();
      JavaFileObject source = processingEnv.getFiler().createSourceFile(name,
          file.typeSpec().originatingElements().toArray(new Element[0]));
      try (Writer writer = source.openWriter()) {
        writer.append(text);
      } catch (IOException | RuntimeException e) {
        source.delete();
        throw e;
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Diagnostics.writeFailed(owner.coordinatorClass().canonicalName(), String.valueOf(e)),
          owner.element());
    }
  }

  /** A later round may bring the missing type; the last round has none to give. */
  private void defer(TypeElement owner, TypeMirror missing, boolean lastRound) {
    if (lastRound) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Diagnostics.unresolvedType(owner.getSimpleName().toString(), missing.toString()),
          owner);
      return;
    }
    done.remove(key(owner));
    deferred.add(key(owner));
  }

  /**
   * Whether an existing type of the coordinator's name is someone else's: one written in this
   * compilation's sources without our {@code @Generated}. A class file of that name is taken for
   * an earlier build's coordinator, which the new one replaces. Where javac's trees are out of
   * reach (a build tool may wrap the environment, as Gradle does for incremental processors), or
   * where coordinators go without {@code @Generated} (a module that cannot see it), a type is
   * taken for an earlier coordinator only if it extends or implements the owner.
   */
  private Predicate<TypeElement> foreignTypes(TypeElement owner) {
    if (!treesLookedUp) {
      trees = trees();
      treesLookedUp = true;
    }
    if (trees.isEmpty()
        || !GeneratedAnnotation.isVisibleFrom(owner, processingEnv.getElementUtils())) {
      return type -> !extendsOwner(type, owner);
    }
    Trees javacTrees = trees.get();
    return type -> javacTrees.getPath(type) != null && !generatedByUs(type);
  }

  private boolean extendsOwner(TypeElement type, TypeElement owner) {
    List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
    supertypes.add(type.getSuperclass());
    Types types = processingEnv.getTypeUtils();
    return supertypes.stream().anyMatch(t -> owner.equals(types.asElement(t)));
  }

  private Optional<Trees> trees() {
    try {
      return Optional.of(Trees.instance(processingEnv));
    } catch (IllegalArgumentException notJavac) {
      return Optional.empty();
    }
  }

  private static boolean generatedByUs(TypeElement type) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().toString().equals(GeneratedAnnotation.NAME)
          && mirror.getElementValues().values().toString()
              .contains(FanoutProcessor.class.getName())) {
        return true;
      }
    }
    return false;
  }

  private static String key(TypeElement owner) {
    return owner.getQualifiedName().length() > 0 ? owner.getQualifiedName().toString()
        : owner.toString();
  }
}
