package dev.fanout.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.fanout.processor.model.Argument;
import dev.fanout.processor.model.Owner;
import dev.fanout.processor.model.Parameter;
import dev.fanout.processor.model.ResultShape;
import dev.fanout.processor.model.ResultShape.Form;
import dev.fanout.processor.model.Site;
import dev.fanout.processor.model.Slot;
import dev.fanout.processor.model.Slots;
import dev.fanout.processor.model.TaskMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes one fan-out method: create the call, submit the slots, collect. Local names are
 * allocated clear of the user's parameter names.
 */
final class FanOutMethodWriter {
  /** Longer argument lists may wrap: no line of 100 columns could hold them anyway. */
  private static final int ARGUMENTS_ON_ONE_LINE = 80;

  private final Owner owner;
  private final Site site;
  private final ResultShape shape;
  /**
   * Every name is asked for with a tag of its own: {@code newName(String)} would make one with
   * {@code UUID.randomUUID()}, a read of the system's secure random source per name.
   */
  private final NameAllocator names = new NameAllocator();
  private final Set<String> parameterNames;
  private final String call;
  private final String element;
  /** A graph's handles by slot, where a body or the result reads them; null elsewhere. */
  private String[] handles;

  private FanOutMethodWriter(Owner owner, Site site) {
    this.owner = owner;
    this.site = site;
    this.shape = site.shape();
    this.parameterNames = site.parameters().stream().map(Parameter::name)
        .collect(Collectors.toSet());
    site.parameters().forEach(p -> names.newName(p.name(), p));
    // The loop variable first: it keeps the task parameter's name unless a parameter has it.
    this.element = site.slots() instanceof Slots.OverCollection over
        ? names.newName(over.elementName(), new Object())
        : null;
    this.call = names.newName("call", new Object());
  }

  static MethodSpec write(Owner owner, Site site) {
    return new FanOutMethodWriter(owner, site).method();
  }

  private MethodSpec method() {
    MethodSpec.Builder method = MethodSpec.methodBuilder(site.methodName())
        .addJavadoc("$L", MethodJavadoc.of(site))
        .addAnnotation(EngineTypes.OVERRIDE)
        .addAnnotations(CoordinatorWriter.suppressWarnings(site.suppressedWarnings()))
        .returns(site.returnType());
    site.access().ifPresent(method::addModifiers);
    site.parameters().forEach(p -> method.addParameter(p.type(), p.name()));
    method.varargs(site.varargs()).addExceptions(site.thrownTypes());
    method.addStatement(newCall());
    List<String> handles = addSlots(method);
    method.addCode(collect(handles));
    return method.build();
  }

  // FanOutCall<Object> call = new FanOutCall<>(executor, OVERVIEW[, timeout]);
  private CodeBlock newCall() {
    TypeName type = ParameterizedTypeName.get(EngineTypes.FAN_OUT_CALL, shape.callType());
    CodeBlock executor = parameterNames.contains("executor")
        ? CodeBlock.of("this.executor")
        : CodeBlock.of("executor");
    CodeBlock constant = parameterNames.contains(site.constantName())
        ? CodeBlock.of("$T.$N", owner.coordinatorClass(), site.constantName())
        : CodeBlock.of("$N", site.constantName());
    CodeBlock timeout = site.timeoutParameter().map(t -> CodeBlock.of(",$W$N", t))
        .orElse(CodeBlock.of(""));
    return CodeBlock.of("$T $N = new $T<>($L, $L$L$L)", type, call, EngineTypes.FAN_OUT_CALL,
        executor, constant, timeout, expectedSlots());
  }

  // , ids.size() or , ids.length, or a graph's , 4: the call sizes itself once instead of growing
  private CodeBlock expectedSlots() {
    if (site.slots() instanceof Slots.Named named && named.isGraph()) {
      return CodeBlock.of(",$W$L", named.slots().size());
    }
    if (!(site.slots() instanceof Slots.OverCollection over)) {
      return CodeBlock.of("");
    }
    switch (over.count()) {
      case SIZE:
        return CodeBlock.of(",$W$N.size()", over.collection());
      case LENGTH:
        return CodeBlock.of(",$W$N.length", over.collection());
      default:
        return CodeBlock.of("");
    }
  }

  /** Submits every slot; returns the handle names, which only record forms keep. */
  private List<String> addSlots(MethodSpec.Builder method) {
    List<String> handles = new ArrayList<>();
    if (site.slots() instanceof Slots.OverCollection over) {
      addLoop(method, over);
      return handles;
    }
    Slots.Named named = (Slots.Named) site.slots();
    if (named.isGraph()) {
      return addGraph(method, named);
    }
    for (Slot slot : named.slots()) {
      if (shape.collector().form() == Form.RECORD) {
        // Task<User> user = call.submit("user", () -> user(id));
        String handle = names.newName(slot.task().name(), new Object());
        TypeName type = ParameterizedTypeName.get(EngineTypes.TASK, slot.task().resultType());
        method.addStatement("$T $N = $L", type, handle, submit(slot));
        handles.add(handle);
      } else {
        method.addStatement(submit(slot));
      }
    }
    return handles;
  }

  /**
   * Submits one slot per element: the body is created once, before the loop, and takes the
   * element as its argument, so a task costs no lambda of its own.
   */
  private void addLoop(MethodSpec.Builder method, Slots.OverCollection over) {
    // TaskFunction<Long, User> user = id -> user(id);
    // for (Long id : ids) { call.submit("user", user, id); }
    TaskMethod task = over.slot().task();
    boolean stage = task.invocation() == TaskMethod.Invocation.STAGE;
    TypeName type = ParameterizedTypeName.get(
        stage ? EngineTypes.STAGE_FUNCTION : EngineTypes.TASK_FUNCTION,
        over.elementType().box(), task.resultType());
    String body = bodyName(task);
    CodeBlock invocation = invocation(over.slot());
    CodeBlock lambda = task.invocation() == TaskMethod.Invocation.VOID
        ? CodeBlock.of("$N -> { $L; return null; }", element, invocation)
        : CodeBlock.of("$N -> $L", element, invocation);
    method.addStatement("$T $N =$W$L", type, body, lambda)
        .beginControlFlow("for ($T $N : $N)", over.elementType(), element, over.collection())
        .addStatement("$N.$N($S, $N, $N)", call, stage ? "submitStage" : "submit", task.name(),
            body, element)
        .endControlFlow();
  }

  /**
   * The local that holds a collection site's body: named after its task, clear of the other
   * locals and the parameters, of {@code yield} (a contextual keyword), and of the names that
   * qualify a static task (a local of such a name would obscure them in the lambda).
   */
  private String bodyName(TaskMethod task) {
    Set<String> avoided = new HashSet<>(Set.of("yield"));
    task.staticOwner().ifPresent(type -> {
      avoided.addAll(type.simpleNames());
      avoided.add(type.packageName().split("\\.", -1)[0]);
    });
    String name = task.name();
    while (avoided.contains(name)) {
      name += "_";
    }
    return names.newName(name);
  }

  /**
   * Submits a graph's slots dependencies first, each with its slot index and the handles it
   * reads; returns the handle names in slot order for record forms.
   */
  private List<String> addGraph(MethodSpec.Builder method, Slots.Named named) {
    List<Slot> slots = named.slots();
    handles = new String[slots.size()];
    boolean record = shape.collector().form() == Form.RECORD;
    for (int i = 0; i < slots.size(); i++) {
      if (record || named.isDependency(i)) {
        handles[i] = names.newName(slots.get(i).task().name(), new Object());
      }
    }
    for (int i : named.submissionOrder()) {
      // Task<List<Order>> orders = call.submit(1, "orders", () -> orders(user.result()),
      //     Dependency.on(user));
      Slot slot = slots.get(i);
      CodeBlock submit = submit(slot, CodeBlock.of("$L,$W", i), dependencies(slot));
      if (handles[i] == null) {
        method.addStatement(submit);
      } else {
        TypeName type = ParameterizedTypeName.get(EngineTypes.TASK, slot.task().resultType());
        method.addStatement("$T $N = $L", type, handles[i], submit);
      }
    }
    return record ? List.of(handles) : List.of();
  }

  // , Dependency.on(orders), Dependency.onOutcome(recs)
  private CodeBlock dependencies(Slot slot) {
    CodeBlock.Builder edges = CodeBlock.builder();
    for (Argument.Dependency dependency : slot.dependencies()) {
      edges.add(",$W$T.$N($N)", EngineTypes.DEPENDENCY,
          dependency.outcome() ? "onOutcome" : "on", handles[dependency.slot()]);
    }
    return edges.build();
  }

  // call.submit("user", () -> user(id)) / call.submitStage(...) / () -> { log(id); return null; }
  private CodeBlock submit(Slot slot) {
    return submit(slot, CodeBlock.of(""), CodeBlock.of(""));
  }

  // call.submit([slot, ]"user", () -> user(id)[, dependencies])
  private CodeBlock submit(Slot slot, CodeBlock index, CodeBlock dependencies) {
    TaskMethod task = slot.task();
    CodeBlock invocation = invocation(slot);
    switch (task.invocation()) {
      case STAGE:
        return CodeBlock.of("$N.submitStage($L$S,$W() -> $L$L)", call, index, task.name(),
            invocation, dependencies);
      case VOID:
        return CodeBlock.of("$N.submit($L$S,$W() -> { $L; return null; }$L)", call, index,
            task.name(), invocation, dependencies);
      default:
        return CodeBlock.of("$N.submit($L$S,$W() -> $L$L)", call, index, task.name(),
            invocation, dependencies);
    }
  }

  // user(id), Dashboard.user(id), or this.yield(id): unqualified, yield starts a statement
  private CodeBlock invocation(Slot slot) {
    List<CodeBlock> each = slot.arguments().stream().map(this::argument).toList();
    // Too long for any line (a task that takes many results): may wrap between arguments.
    boolean wrap = CodeBlock.join(each, ", ").toString().length() > ARGUMENTS_ON_ONE_LINE;
    CodeBlock arguments = CodeBlock.join(each, wrap ? ",$W" : ", ");
    TaskMethod task = slot.task();
    CodeBlock receiver = task.name().equals("yield") ? CodeBlock.of("this.") : CodeBlock.of("");
    return task.staticOwner()
        .map(type -> CodeBlock.of("$T.$N($L)", type, task.name(), arguments))
        .orElseGet(() -> CodeBlock.of("$L$N($L)", receiver, task.name(), arguments));
  }

  // id, user.result() or recs.outcome(), or (long) id where the task's name is overloaded
  private CodeBlock argument(Argument argument) {
    CodeBlock name;
    if (argument instanceof Argument.Bound bound) {
      name = CodeBlock.of("$N", bound.parameter());
    } else if (argument instanceof Argument.Dependency dependency) {
      name = CodeBlock.of("$N.$N()", handles[dependency.slot()],
          dependency.outcome() ? "outcome" : "result");
    } else {
      name = CodeBlock.of("$N", element);
    }
    return argument.cast().map(type -> CodeBlock.of("($T) $L", type, name)).orElse(name);
  }

  /** The engine's collecting operation and what the method returns from it. */
  private CodeBlock collect(List<String> handles) {
    String operation = shape.collector().method(shape.async());
    switch (shape.collector().form()) {
      case VOID:
        return shape.async()
            ? CodeBlock.builder().addStatement("return $N.$N()", call, operation).build()
            : CodeBlock.builder().addStatement("$N.$N()", call, operation).build();
      case RECORD:
        return shape.async() ? collectRecordAsync(operation, handles)
            : CodeBlock.builder()
                .addStatement("$N.$N()", call, operation)
                .addStatement("return $L", construction(handles))
                .build();
      default:
        return shape.uncheckedCast().isPresent()
            ? collectWithCast(operation, shape.uncheckedCast().get())
            : CodeBlock.builder().addStatement("return $N.$N()", call, operation).build();
    }
  }

  // return call.gatherAsync(() -> new Overview(user.result(), orders.result()));
  // return call.waitForAsync(result -> new Handles(user, orders));
  private CodeBlock collectRecordAsync(String operation, List<String> handles) {
    if (shape.collector() != ResultShape.Collector.WAIT_RECORD) {
      return CodeBlock.builder()
          .addStatement("return $N.$N(() -> $L)", call, operation, construction(handles))
          .build();
    }
    String result = names.newName("result", new Object());
    return CodeBlock.builder()
        .addStatement("return $N.$N($N -> $L)", call, operation, result, construction(handles))
        .build();
  }

  // new Overview(user.result(), orders.result())
  private CodeBlock construction(List<String> handles) {
    ResultShape.Construction construction = shape.construction().orElseThrow();
    String accessor = shape.collector().handleAccessor();
    CodeBlock arguments = handles.stream().map(h -> CodeBlock.of("$N$L", h, accessor))
        .collect(CodeBlock.joining(",$W"));
    return construction.diamond()
        ? CodeBlock.of("new $T<>($L)", construction.type(), arguments)
        : CodeBlock.of("new $T($L)", construction.type(), arguments);
  }

  /**
   * The engine's type differs from the declared one only in a nested wildcard (e.g.
   * {@code List<Outcome<Object>>} for {@code List<Outcome<?>>}), which no type argument of the
   * call can match; the engine never writes to what it returned, so the cast is safe.
   */
  private CodeBlock collectWithCast(String operation, TypeName declared) {
    String result = names.newName("result", new Object());
    return CodeBlock.builder()
        .add("// Safe: the engine never writes to its result, so widening a nested type argument"
            + " is sound.\n")
        .add("@$T($S)\n", EngineTypes.SUPPRESS_WARNINGS, "unchecked")
        .addStatement("$T $N =$W($T) ($T) $N.$N()", declared, result, declared,
            wildcardOf(declared), call, operation)
        .addStatement("return $N", result)
        .build();
  }

  /** {@code List<Outcome<?>>} → {@code List<?>}: the cast goes through it. */
  private static TypeName wildcardOf(TypeName declared) {
    ParameterizedTypeName parameterized = (ParameterizedTypeName) declared;
    ClassName raw = parameterized.rawType();
    TypeName[] wildcards = parameterized.typeArguments().stream()
        .map(a -> WildcardTypeName.subtypeOf(Object.class)).toArray(TypeName[]::new);
    return ParameterizedTypeName.get(raw, wildcards);
  }
}
