package dev.fanout.processor.writer;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.fanout.processor.model.Constructor;
import dev.fanout.processor.model.Owner;
import dev.fanout.processor.model.Parameter;
import dev.fanout.processor.model.ReturnCondition;
import dev.fanout.processor.model.Site;
import dev.fanout.processor.model.SiteOptions;
import java.util.List;
import java.util.Optional;

/** Writes an owner's coordinator: model in, {@link JavaFile} out; it checks nothing. */
public final class CoordinatorWriter {
  private CoordinatorWriter() {}

  /** The coordinator source: constants, the executor field, constructors, fan-out methods. */
  public static JavaFile write(Owner owner) {
    TypeSpec.Builder type = TypeSpec.classBuilder(owner.coordinatorClass())
        .addOriginatingElement(owner.element())
        .avoidClashesWithNestedClasses(owner.element())
        .addJavadoc(classJavadoc(owner));
    if (owner.markGenerated()) {
      type.addAnnotation(AnnotationSpec.builder(EngineTypes.GENERATED)
          .addMember("value", "$S", EngineTypes.PROCESSOR)
          .build());
    }
    type.addAnnotations(suppressWarnings(owner.suppressedWarnings()))
        .addModifiers(PUBLIC)
        .addTypeVariables(owner.typeVariables());
    addSupertype(type, owner);
    owner.sites().forEach(site -> type.addField(siteConstant(site)));
    type.addField(EngineTypes.EXECUTOR, "executor", PRIVATE, FINAL);
    for (Constructor constructor : owner.constructors()) {
      type.addMethod(defaultExecutorConstructor(owner, constructor));
      type.addMethod(givenExecutorConstructor(owner, constructor));
    }
    owner.sites().forEach(site -> type.addMethod(FanOutMethodWriter.write(owner, site)));
    return JavaFile.builder(owner.coordinatorClass().packageName(), type.build())
        .skipJavaLangImports(true)
        .build();
  }

  private static CodeBlock classJavadoc(Owner owner) {
    CodeBlock.Builder javadoc = CodeBlock.builder().add("The generated implementation of {@link $T}:"
        + " each fan-out method runs its tasks on this\ncoordinator's executor and collects them"
        + " as its annotation says.\n", owner.ownerClass());
    if (!owner.typeVariables().isEmpty()) {
      javadoc.add("\n");
      owner.typeVariables().forEach(variable -> javadoc.add(
          "@param <$L> as in {@code $L}\n", variable.name(), owner.ownerClass().simpleName()));
    }
    return javadoc.build();
  }

  // extends Dashboard / implements Repo<T>
  private static void addSupertype(TypeSpec.Builder type, Owner owner) {
    TypeName supertype = owner.typeVariables().isEmpty()
        ? owner.ownerClass()
        : ParameterizedTypeName.get(owner.ownerClass(),
            owner.typeVariables().stream().map(v -> (TypeName) TypeVariableName.get(v.name()))
                .toArray(TypeName[]::new));
    if (owner.isInterface()) {
      type.addSuperinterface(supertype);
    } else {
      type.superclass(supertype);
    }
  }

  // private static final Site OVERVIEW =
  //     Site.named("Dashboard.overview").maxConcurrency(8).declaring(IOException.class);
  private static FieldSpec siteConstant(Site site) {
    CodeBlock.Builder init = CodeBlock.builder().add("$T.named($S)", EngineTypes.SITE,
        site.siteName());
    SiteOptions options = site.options();
    if (options.returnWhen() != ReturnCondition.ALL_COMPLETED) {
      init.add("$Z.returnWhen($T.$L)", EngineTypes.RETURN_WHEN, options.returnWhen().name());
    }
    if (!options.cancelOnFailure()) {
      init.add("$Z.cancelOnFailure(false)");
    }
    if (options.maxConcurrency() > 0) {
      init.add("$Z.maxConcurrency($L)", options.maxConcurrency());
    }
    options.timeout().ifPresent(
        timeout -> init.add("$Z.timeout($T.parse($S))", EngineTypes.DURATION, timeout));
    if (!site.declaredErasures().isEmpty()) {
      init.add("$Z.declaring($L)", site.declaredErasures().stream()
          .map(t -> CodeBlock.of("$T.class", t)).collect(CodeBlock.joining(", ")));
    }
    return FieldSpec.builder(EngineTypes.SITE, site.constantName(), PRIVATE, STATIC, FINAL)
        .initializer(init.build())
        .build();
  }

  // public DashboardCoordinator(String region) {
  //   super(region);
  //   this.executor = DefaultExecutor.get();
  // }
  private static MethodSpec defaultExecutorConstructor(Owner owner, Constructor constructor) {
    return constructor(constructor, Optional.empty())
        .addJavadoc("Creates a coordinator whose tasks run on the default executor: a virtual"
            + " thread per task\nwhere the JVM has them, else a shared pool of daemon threads.\n")
        .addJavadoc(parameterTags(owner, constructor, Optional.empty()))
        .addCode(superCall(constructor))
        .addStatement("this.executor = $T.get()", EngineTypes.DEFAULT_EXECUTOR)
        .build();
  }

  // public DashboardCoordinator(Executor executor, String region) {
  //   super(region);
  //   this.executor = Objects.requireNonNull(executor, "executor");
  // }
  private static MethodSpec givenExecutorConstructor(Owner owner, Constructor constructor) {
    ParameterSpec executor =
        ParameterSpec.builder(EngineTypes.EXECUTOR, constructor.executorName()).build();
    return constructor(constructor, Optional.of(executor))
        .addJavadoc("Creates a coordinator whose tasks run on {@code $N}.\n", executor)
        .addJavadoc(parameterTags(owner, constructor, Optional.of(executor)))
        .addCode(superCall(constructor))
        .addStatement("this.executor = $T.requireNonNull($N, $S)", EngineTypes.OBJECTS, executor,
            "executor")
        .build();
  }

  //
  // @param executor the executor that runs the tasks
  // @param region passed on to the Dashboard constructor
  private static CodeBlock parameterTags(
      Owner owner, Constructor constructor, Optional<ParameterSpec> executor) {
    if (constructor.parameters().isEmpty() && executor.isEmpty()) {
      return CodeBlock.of("");
    }
    CodeBlock.Builder tags = CodeBlock.builder().add("\n");
    for (TypeVariableName variable : constructor.typeVariables()) {
      tags.add("@param <$L> as in the {@code $L} constructor\n", variable.name(),
          owner.ownerClass().simpleName());
    }
    executor.ifPresent(e -> tags.add("@param $N the executor that runs the tasks\n", e));
    for (Parameter parameter : constructor.parameters()) {
      tags.add("@param $N passed on to the {@code $L} constructor\n", parameter.name(),
          owner.ownerClass().simpleName());
    }
    return tags.build();
  }

  private static MethodSpec.Builder constructor(
      Constructor constructor, Optional<ParameterSpec> executor) {
    MethodSpec.Builder builder = MethodSpec.constructorBuilder()
        .addAnnotations(suppressWarnings(constructor.suppressedWarnings()))
        .addModifiers(PUBLIC)
        .addTypeVariables(constructor.typeVariables());
    executor.ifPresent(builder::addParameter);
    for (Parameter parameter : constructor.parameters()) {
      builder.addParameter(parameter.type(), parameter.name());
    }
    return builder.varargs(constructor.varargs()).addExceptions(constructor.thrownTypes());
  }

  /**
   * {@code @SuppressWarnings("deprecation")} (or {@code {"deprecation", "removal"}}) where the
   * member uses something deprecated; nothing otherwise.
   */
  static List<AnnotationSpec> suppressWarnings(List<String> categories) {
    if (categories.isEmpty()) {
      return List.of();
    }
    CodeBlock names = categories.stream().map(category -> CodeBlock.of("$S", category))
        .collect(CodeBlock.joining(", "));
    return List.of(AnnotationSpec.builder(EngineTypes.SUPPRESS_WARNINGS)
        .addMember("value", categories.size() == 1 ? names : CodeBlock.of("{$L}", names))
        .build());
  }

  /** {@code super(a, b);}, or nothing for a no-argument constructor. */
  private static CodeBlock superCall(Constructor constructor) {
    if (constructor.parameters().isEmpty()) {
      return CodeBlock.of("");
    }
    return CodeBlock.builder().addStatement("super($L)", constructor.parameters().stream()
        .map(p -> CodeBlock.of("$N", p.name())).collect(CodeBlock.joining(", "))).build();
  }
}
