package dev.fanout.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Owners for the randomized robustness test: a valid owner built from a few tasks and fan-out
 * sites of every shape, then mutated in ways a user might get wrong (names, types, parameters,
 * modifiers, generics, attributes, owner kinds and nesting). The same seed gives the same owners.
 *
 * <p>Mutations keep the source parseable and leave the rest to javac: an owner may well be
 * rejected by javac itself (some such errors stop javac before any processor runs, which the
 * test allows for), but it never hides its neighbours behind a syntax error.
 */
final class MutantOwners {
  private MutantOwners() {}

  /** What an owner is declared as. */
  enum Kind { ABSTRACT_CLASS, INTERFACE, CLASS, FINAL_CLASS, ENUM, RECORD }

  /** Where an owner is declared. */
  enum Nesting { TOP, STATIC, INNER, PRIVATE, IN_INTERFACE }

  /** One generated owner: its package, its source files and how it was made. */
  record Case(String packageName, Map<String, String> sources, List<String> mutations) {
    boolean isMutated() {
      return !mutations.isEmpty();
    }

    /** Whether a fan-out site is left: a type with only tasks is no owner, so nothing is due. */
    boolean hasSite() {
      return sources.values().stream().anyMatch(
          source -> source.contains("@Gather") || source.contains("@Wait")
              || source.contains("@AsCompleted"));
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("owner in " + packageName + ", mutations "
          + mutations + "\n");
      sources.forEach((name, source) -> text.append("// ").append(name).append('\n')
          .append(source));
      return text.toString();
    }
  }

  /** {@code count} owners in packages {@code <prefix>.o0 ...}, from {@code seed}. */
  static List<Case> generate(long seed, String prefix, int count) {
    Random random = new Random(seed);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Owner owner = Owner.valid(prefix + ".o" + i, random);
      List<String> mutations = new ArrayList<>();
      // One owner in eight stays valid: it must be generated without a word.
      int rounds = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3);
      for (int m = 0; m < rounds; m++) {
        var mutation = MUTATIONS.get(random.nextInt(MUTATIONS.size()));
        mutations.add(mutation.apply(owner, random));
      }
      cases.add(new Case(owner.packageName, owner.render(), List.copyOf(mutations)));
    }
    return cases;
  }

  // ---- the model ---------------------------------------------------------------------------

  private static final List<String> MODIFIER_ORDER = List.of("public", "protected", "private",
      "abstract", "default", "static", "final", "synchronized", "native", "strictfp");

  private static final String BODY = "{ throw new UnsupportedOperationException(); }";

  /** An annotation as written: its simple name and its attributes as source text. */
  private static final class Annotation {
    String name;
    final Map<String, String> attributes = new LinkedHashMap<>();

    Annotation(String name) {
      this.name = name;
    }

    boolean isSite() {
      return name.equals("Gather") || name.equals("Wait") || name.equals("AsCompleted");
    }

    String render() {
      if (attributes.isEmpty()) {
        return "@" + name;
      }
      if (attributes.size() == 1 && attributes.containsKey("value")) {
        return "@" + name + "(" + attributes.get("value") + ")";
      }
      return "@" + name + "(" + attributes.entrySet().stream()
          .map(e -> e.getKey() + " = " + e.getValue())
          .collect(Collectors.joining(", ")) + ")";
    }
  }

  /** A method as written; modifiers implied by the owner's kind are added when rendered. */
  private static final class Method {
    final List<Annotation> annotations = new ArrayList<>();
    final Set<String> modifiers = new LinkedHashSet<>();
    boolean body;
    boolean raw;
    String typeParameters = "";
    String returns;
    String name;
    final List<String> parameters = new ArrayList<>();
    final List<String> thrown = new ArrayList<>();

    Annotation site() {
      return annotations.stream().filter(Annotation::isSite).findFirst().orElse(null);
    }

    boolean isTask() {
      return annotations.stream().anyMatch(a -> a.name.equals("Async"));
    }

    String render(boolean inInterface) {
      Set<String> all = new LinkedHashSet<>(modifiers);
      if (!raw) {
        if (inInterface && body && !all.contains("static") && !all.contains("private")) {
          all.add("default");
        } else if (!inInterface && !body && !all.contains("native")) {
          all.add("abstract");
        }
      }
      StringBuilder text = new StringBuilder("  ");
      annotations.forEach(a -> text.append(a.render()).append(' '));
      MODIFIER_ORDER.stream().filter(all::contains).forEach(m -> text.append(m).append(' '));
      if (!typeParameters.isEmpty()) {
        text.append(typeParameters).append(' ');
      }
      text.append(returns).append(' ').append(name).append('(')
          .append(String.join(", ", parameters)).append(')');
      if (!thrown.isEmpty()) {
        text.append(" throws ").append(String.join(", ", thrown));
      }
      return text.append(body ? " " + BODY : ";").toString();
    }
  }

  /** The owner under construction, with its supporting declarations. */
  private static final class Owner {
    final String packageName;
    String name = "Owner";
    String holder = "Holder";
    Kind kind;
    Nesting nesting = Nesting.TOP;
    String typeParameters = "";
    /** Constructors, with {@code %N} for the owner's name. */
    final List<String> constructors = new ArrayList<>();
    final List<Method> methods = new ArrayList<>();
    /** Other members (fields, nested types), as source lines. */
    final List<String> members = new ArrayList<>();
    /** Result types declared beside the owner or inside it. */
    final List<String> results = new ArrayList<>();
    boolean resultsNested;
    /** A supertype declared in the same file, and the methods moved up to it. */
    Kind parentKind;
    final List<Method> parentMethods = new ArrayList<>();
    boolean clashingCoordinator;
    boolean sealed;
    int sites;
    int records;

    Owner(String packageName) {
      this.packageName = packageName;
    }

    static Owner valid(String packageName, Random random) {
      Owner owner = new Owner(packageName);
      owner.kind = random.nextInt(5) < 3 ? Kind.ABSTRACT_CLASS : Kind.INTERFACE;
      int nesting = random.nextInt(10);
      owner.nesting = nesting < 7 ? Nesting.TOP : nesting < 9 ? Nesting.STATIC
          : Nesting.IN_INTERFACE;
      owner.typeParameters = random.nextInt(7) == 0 ? "<T>" : "";
      // Nested: a top-level record beside the owner is an "auxiliary class", which javac warns
      // about when the coordinator, in its own file, uses it. Mutations may still move it there.
      owner.resultsNested = true;
      if (owner.kind == Kind.ABSTRACT_CLASS) {
        switch (random.nextInt(5)) {
          case 0 -> owner.constructors.add("protected %N(String prefix) {}");
          case 1 -> {
            owner.constructors.add("%N() {}");
            owner.constructors.add("%N(int size) {}");
          }
          default -> { }
        }
      }
      int sites = 1 + random.nextInt(3);
      for (int i = 0; i < sites; i++) {
        owner.addSite(random);
      }
      if (random.nextInt(4) == 0) {
        owner.addTask(TASKS.get(random.nextInt(TASKS.size())), random);
      }
      return owner;
    }

    boolean isInterface() {
      return kind == Kind.INTERFACE;
    }

    Method task(String name) {
      return methods.stream().filter(m -> m.isTask() && m.name.equals(name)).findFirst()
          .orElse(null);
    }

    void addTask(TaskDef def, Random random) {
      if (task(def.name) != null) {
        return;
      }
      Method task = new Method();
      task.annotations.add(new Annotation("Async"));
      task.body = true;
      task.returns = def.returns;
      task.name = def.name;
      task.parameters.addAll(def.parameters);
      if (def.name.equals("score") && random.nextInt(3) == 0) {
        task.modifiers.add("static");
      }
      methods.add(task);
    }

    /** A valid fan-out method of one of the shapes in SPEC's table, with its tasks. */
    void addSite(Random random) {
      Method site = new Method();
      site.name = "site" + sites++;
      Annotation annotation;
      int template = random.nextInt(10);
      boolean overCollection = template == 0 || template == 4 || template == 6 || template == 8;
      List<TaskDef> named = overCollection
          ? List.of(ONE_PARAMETER.get(random.nextInt(ONE_PARAMETER.size())))
          : pick(random, 1 + random.nextInt(3));
      named.forEach(t -> addTask(t, random));
      if (overCollection) {
        TaskDef task = named.get(0);
        boolean isString = task.parameters.get(0).startsWith("String");
        List<String> collections = isString ? STRING_COLLECTIONS : LONG_COLLECTIONS;
        site.parameters.add(collections.get(random.nextInt(collections.size())));
      } else {
        named.stream().flatMap(t -> t.parameters.stream()).distinct()
            .forEach(site.parameters::add);
      }
      switch (template) {
        case 0, 1, 2, 3 -> {
          annotation = new Annotation("Gather");
          site.returns = switch (template) {
            case 0 -> "List<" + named.get(0).result + ">";
            case 1 -> random.nextBoolean() ? "List<?>" : "List<Object>";
            case 2 -> addRecord(named, "%s");
            default -> "void";
          };
          if (random.nextInt(5) == 0) {
            annotation.attributes.put("cancelOnFailure", "false");
          }
        }
        case 4, 5 -> {
          annotation = new Annotation("Gather");
          annotation.attributes.put("returnExceptions", "true");
          site.returns = template == 4
              ? "List<Outcome<" + named.get(0).result + ">>"
              : addRecord(named, "Outcome<%s>");
        }
        case 6, 7 -> {
          annotation = new Annotation("Wait");
          site.returns = template == 6
              ? "WaitResult<" + named.get(0).result + ">"
              : addRecord(named, "Task<%s>");
          if (random.nextBoolean()) {
            annotation.attributes.put("returnWhen",
                "ReturnWhen." + RETURN_WHEN.get(random.nextInt(RETURN_WHEN.size())));
          }
        }
        default -> {
          annotation = new Annotation("AsCompleted");
          site.returns = template == 8
              ? "Stream<" + named.get(0).result + ">"
              : "Stream<Task<?>>";
        }
      }
      annotation.attributes.put("value", "{" + named.stream().map(t -> q(t.name))
          .collect(Collectors.joining(", ")) + "}");
      // Move value first, as people write it.
      Map<String, String> ordered = new LinkedHashMap<>();
      ordered.put("value", annotation.attributes.remove("value"));
      ordered.putAll(annotation.attributes);
      annotation.attributes.clear();
      annotation.attributes.putAll(ordered);
      if (random.nextInt(4) == 0) {
        site.returns = site.returns.equals("void") ? "CompletableFuture<Void>"
            : (random.nextBoolean() ? "CompletableFuture<" : "CompletionStage<") + site.returns
                + ">";
      }
      if (random.nextInt(5) == 0) {
        annotation.attributes.put("maxConcurrency", String.valueOf(1 + random.nextInt(4)));
      }
      if (random.nextInt(5) == 0) {
        annotation.attributes.put("timeout", q("PT" + (1 + random.nextInt(9)) + "S"));
      } else if (random.nextInt(5) == 0) {
        site.parameters.add("Duration timeout");
      }
      if (random.nextInt(8) == 0) {
        site.thrown.add("InterruptedException");
      }
      if (random.nextBoolean() && isInterface()) {
        site.modifiers.add("public");
      }
      site.annotations.add(annotation);
      methods.add(site);
    }

    /** A result record with one component per task, each {@code format} of its result. */
    String addRecord(List<TaskDef> tasks, String format) {
      String name = "R" + records++;
      List<String> components = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        components.add(String.format(format, tasks.get(i).result) + " c" + i);
      }
      results.add("record " + name + "(" + String.join(", ", components) + ") {}");
      return name;
    }

    Map<String, String> render() {
      Map<String, String> files = new LinkedHashMap<>();
      String topName = nesting == Nesting.TOP ? name : holder;
      StringBuilder text = new StringBuilder();
      text.append("package ").append(packageName).append(";\n")
          .append("import dev.fanout.*;\n")
          .append("import java.io.IOException;\n")
          .append("import java.time.Duration;\n")
          .append("import java.util.*;\n")
          .append("import java.util.concurrent.*;\n")
          .append("import java.util.stream.Stream;\n");
      if (parentKind != null) {
        boolean parentInterface = parentKind == Kind.INTERFACE;
        text.append(parentInterface ? "interface " : "abstract class ").append("Base {\n");
        parentMethods.forEach(m -> text.append(m.render(parentInterface)).append('\n'));
        text.append("}\n");
      }
      if (!resultsNested) {
        results.forEach(r -> text.append(r).append('\n'));
      }
      if (nesting != Nesting.TOP) {
        text.append(nesting == Nesting.IN_INTERFACE ? "public interface " : "public class ")
            .append(holder).append(" {\n");
      }
      text.append(header()).append(" {\n");
      if (kind == Kind.ENUM) {
        text.append("  ONE;\n");
      }
      if (kind == Kind.ABSTRACT_CLASS || kind == Kind.CLASS || kind == Kind.FINAL_CLASS) {
        constructors.forEach(c -> text.append("  ").append(c.replace("%N", name)).append('\n'));
      }
      members.forEach(m -> text.append("  ").append(m.replace("%N", name)).append('\n'));
      if (resultsNested) {
        results.forEach(r -> text.append("  ").append(r).append('\n'));
      }
      methods.forEach(m -> text.append(m.render(isInterface())).append('\n'));
      text.append("}\n");
      if (nesting != Nesting.TOP) {
        text.append("}\n");
      }
      files.put(packageName + "." + topName, text.toString());
      if (clashingCoordinator) {
        String coordinator = (nesting == Nesting.TOP ? "" : holder + "_") + name + "Coordinator";
        files.put(packageName + "." + coordinator,
            "package " + packageName + ";\nclass " + coordinator + " {}\n");
      }
      return files;
    }

    private String header() {
      String modifiers = switch (nesting) {
        case TOP -> "public ";
        case STATIC -> "public static ";
        case INNER -> "public ";
        case PRIVATE -> "private static ";
        case IN_INTERFACE -> "";
      };
      boolean generic = kind != Kind.ENUM;
      String parameters = generic ? typeParameters : "";
      String supertype = "";
      if (parentKind != null) {
        // Enums and records cannot even be parsed with extends, whatever Base is.
        boolean implementing = parentKind == Kind.INTERFACE || kind == Kind.ENUM
            || kind == Kind.RECORD;
        supertype = kind != Kind.INTERFACE && implementing ? " implements Base" : " extends Base";
      }
      if (sealed) {
        modifiers += "sealed ";
      }
      return switch (kind) {
        case ABSTRACT_CLASS -> modifiers + "abstract class " + name + parameters + supertype;
        case INTERFACE -> modifiers + "interface " + name + parameters + supertype;
        case CLASS -> modifiers + "class " + name + parameters + supertype;
        case FINAL_CLASS -> modifiers + "final class " + name + parameters + supertype;
        case ENUM -> modifiers + "enum " + name + supertype;
        case RECORD -> modifiers + "record " + name + parameters + "(int x)" + supertype;
      };
    }

    // ---- picking what to mutate --------------------------------------------------------

    List<Method> sites() {
      return methods.stream().filter(m -> m.site() != null).toList();
    }

    List<Method> tasks() {
      return methods.stream().filter(Method::isTask).toList();
    }

    Method anySite(Random random) {
      List<Method> sites = sites();
      if (sites.isEmpty()) {
        addSite(random);
        sites = sites();
      }
      return sites.get(random.nextInt(sites.size()));
    }

    Method anyTask(Random random) {
      List<Method> tasks = tasks();
      if (tasks.isEmpty()) {
        addTask(TASKS.get(0), random);
        tasks = tasks();
      }
      return tasks.get(random.nextInt(tasks.size()));
    }
  }

  // ---- the building blocks -----------------------------------------------------------------

  private record TaskDef(String name, String returns, String result, List<String> parameters) {}

  private static final List<TaskDef> TASKS = List.of(
      new TaskDef("user", "String", "String", List.of("long id")),
      new TaskDef("score", "int", "Integer", List.of("long id")),
      new TaskDef("orders", "List<String>", "List<String>", List.of("long id")),
      new TaskDef("weather", "CompletableFuture<String>", "String", List.of("String city")),
      new TaskDef("audit", "void", "Void", List.of("long id")),
      new TaskDef("later", "CompletionStage<Integer>", "Integer", List.of("long id")),
      new TaskDef("named", "Integer", "Integer", List.of("String city", "long id")));

  private static final List<TaskDef> ONE_PARAMETER =
      TASKS.stream().filter(t -> t.parameters.size() == 1).toList();

  private static final List<String> LONG_COLLECTIONS = List.of("List<Long> ids", "Set<Long> ids",
      "long[] ids", "Collection<Long> ids", "Iterable<Long> ids", "Long[] ids",
      "ArrayList<Long> ids", "List<? extends Long> ids");

  private static final List<String> STRING_COLLECTIONS =
      List.of("List<String> cities", "String[] cities", "Set<String> cities");

  private static final List<String> RETURN_WHEN =
      List.of("ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION");

  private static List<TaskDef> pick(Random random, int count) {
    List<TaskDef> all = new ArrayList<>(TASKS);
    List<TaskDef> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(all.remove(random.nextInt(all.size())));
    }
    return picked;
  }

  // ---- the mutations -----------------------------------------------------------------------

  /** Names that may clash with what the coordinator declares, or with Java's own words. */
  private static final List<String> TRICKY_NAMES = List.of("call", "executor", "user", "score",
      "result", "results", "e", "t", "i", "task", "tasks", "id", "ids", "value", "values",
      "element", "it", "timeout", "future", "list", "String", "Task", "Objects", "var",
      "record", "yield", "sealed", "permits", "Site", "ALL", "$", "a$b", "x_", "USER",
      "site0", "cities", "getClass", "hashCode", "toString", "notify", "wait", "clone",
      "finalize", "equals", "Override", "Generated");

  private static final List<String> OWNER_NAMES = List.of("Task", "Outcome", "FanOutCall",
      "Site", "Objects", "Executor", "DefaultExecutor", "Generated", "List", "Override",
      "Stream", "Duration", "WaitResult", "Foo$Bar", "Async", "Gather", "Holder", "Base",
      "R0", "ReturnWhen", "CompletableFuture", "Dashboard", "TaskFailedException");

  private static final List<String> RETURN_TYPES = List.of("void", "String", "int", "long",
      "Integer", "Object", "Void", "List<String>", "List<Integer>", "List<?>", "List",
      "List<Object>", "List<? extends CharSequence>", "List<? super String>",
      "List<Outcome<String>>", "List<Outcome<?>>", "List<Outcome<? extends Object>>",
      "List<Outcome>", "Outcome<String>", "WaitResult<String>", "WaitResult<?>", "WaitResult",
      "WaitResult<Integer>", "Stream<String>", "Stream<Task<String>>", "Stream<Task<?>>",
      "Stream", "Stream<Task>", "Stream<Outcome<String>>", "Stream<?>",
      "CompletableFuture<List<String>>", "CompletionStage<Void>", "CompletableFuture<Void>",
      "CompletableFuture", "CompletableFuture<?>", "CompletableFuture<WaitResult<String>>",
      "CompletableFuture<Stream<String>>", "CompletionStage<List<Outcome<String>>>",
      "CompletableFuture<CompletableFuture<List<String>>>", "Future<List<String>>",
      "Optional<String>", "Map<String, String>", "String[]", "List<String>[]", "Task<String>",
      "Iterable<String>", "Collection<String>", "ArrayList<String>", "Set<String>", "R0", "R1",
      "T", "List<T>", "Map.Entry<String, Integer>", "Runnable", "Thread.State",
      "java.util.List<java.lang.Object>", "Comparable<String>", "Number", "int[]",
      "ReturnWhen", "Duration", "Outcome.Success<String>", "Task.State", "Base",
      "TaskFailedException", "Owner", "Holder", "Missing", "List<Missing>", "Secret",
      "List<Secret>", "Hidden", "WaitResult<Secret>");

  private static final List<String> PARAMETER_TYPES = List.of("long", "String", "int", "Long",
      "Object", "List<Long>", "Set<Long>", "long[]", "Long[]", "Iterable<Long>", "List<String>",
      "String[]", "Duration", "Duration[]", "List<Duration>", "T", "List<T>", "T[]",
      "Iterable<?>", "List<?>", "Collection<? super Long>", "Map<Long, Long>", "Stream<Long>",
      "Optional<Long>", "Executor", "Number", "int...", "long...", "String...", "Missing",
      "List", "Iterable", "Task<Long>", "Outcome<Long>", "CompletableFuture<Long>",
      "long[][]", "List<List<Long>>", "Integer", "double", "char", "boolean", "byte", "Secret",
      "List<Secret>", "Secret[]");

  private static final List<String> PARAMETER_NAMES =
      List.of("id", "city", "ids", "cities", "timeout", "d", "extra", "x", "executor", "call");

  private static final List<String> MODIFIERS = List.of("static", "private", "final",
      "public", "protected", "synchronized", "native", "default", "strictfp", "abstract");

  private static final List<String> TIMEOUTS = List.of("\"PT2S\"", "\"2s\"", "\"\"",
      "\"PT-1S\"", "\"P1D\"", "\"pt1s\"", "\"PT0S\"", "\"-PT1S\"", "\"PT1.5S\"", "\"garbage\"",
      "\"PT\"", "\"P\"", "\" PT1S\"", "\"PT1S \"", "\"P-1DT1S\"", "\"PT9999999999999999999S\"",
      "\"PT1S\" + \"\"", "\"PT\" + 1 + \"S\"", "String.valueOf(1)", "null", "5", "\"P1Y\"",
      "\"PT0.000000001S\"", "\"PT-0S\"", "\"\\u0000\"");

  private static final List<String> MAX_CONCURRENCY = List.of("-1", "0", "1",
      "Integer.MIN_VALUE", "Integer.MAX_VALUE", "1 << 31", "'a'", "-0", "1L", "-100",
      "\"2\"", "null", "2 - 3");

  private static final List<String> VALUES = List.of("{}", "42", "{null}", "\"\"", "{\"\"}",
      "\" user\"", "{\"user\", \"user\"}", "\"USER\"", "{\"user\", }", "\"site0\"",
      "\"toString\"", "\"hashCode\"", "\"wait\"", "\"use\"", "\"users\"", "\"a.b\"",
      "{\"user\", \"score\", \"orders\", \"weather\", \"audit\", \"later\", \"named\"}",
      "{\"user\" + \"\"}", "ReturnWhen.ALL_COMPLETED", "{\"\\u0000\"}");

  private static final List<String> THROWN = List.of("IOException", "Exception",
      "TimeoutException", "InterruptedException", "Throwable", "RuntimeException", "T",
      "ExecutionException", "Error", "CancellationException", "TaskFailedException");

  private static <T> T any(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static String q(String text) {
    return "\"" + text + "\"";
  }

  private static final List<BiFunction<Owner, Random, String>> MUTATIONS = List.of(
      MutantOwners::taskName,
      MutantOwners::taskName,
      MutantOwners::value,
      MutantOwners::timeout,
      MutantOwners::maxConcurrency,
      MutantOwners::gatherFlags,
      MutantOwners::returnWhen,
      MutantOwners::annotationKind,
      MutantOwners::siteReturnType,
      MutantOwners::siteReturnType,
      MutantOwners::siteParameters,
      MutantOwners::siteParameters,
      MutantOwners::siteModifiers,
      MutantOwners::siteTypeParameters,
      MutantOwners::siteThrows,
      MutantOwners::siteAnnotations,
      MutantOwners::taskModifiers,
      MutantOwners::taskTypeParameters,
      MutantOwners::taskReturnType,
      MutantOwners::taskParameters,
      MutantOwners::taskOverload,
      MutantOwners::taskRemoved,
      MutantOwners::taskThrows,
      MutantOwners::ownerKind,
      MutantOwners::ownerKind,
      MutantOwners::ownerNesting,
      MutantOwners::ownerGeneric,
      MutantOwners::constructors,
      MutantOwners::otherMembers,
      MutantOwners::resultRecord,
      MutantOwners::parent,
      MutantOwners::coordinatorClash,
      MutantOwners::renameParameter,
      MutantOwners::renameTask,
      MutantOwners::renameSite,
      MutantOwners::renameOwner,
      MutantOwners::misplacedAnnotation,
      MutantOwners::durationParameters,
      MutantOwners::privateType,
      MutantOwners::dependency,
      MutantOwners::dependency);

  private static String taskName(Owner owner, Random random) {
    Annotation site = owner.anySite(random).site();
    String value = site.attributes.getOrDefault("value", "{}");
    List<String> names = new ArrayList<>(List.of(value.replaceAll("[{}\"\\s]", "").split(",")));
    names.removeIf(String::isEmpty);
    if (names.isEmpty()) {
      names.add("user");
    }
    int index = random.nextInt(names.size());
    String name = names.get(index);
    String changed = switch (random.nextInt(7)) {
      case 0 -> name.length() > 1 ? name.substring(0, name.length() - 1) : "x";
      case 1 -> name.toUpperCase();
      case 2 -> name + "s";
      case 3 -> "";
      case 4 -> owner.sites().get(0).name;
      case 5 -> any(random, TRICKY_NAMES);
      default -> name + "\", \"" + name;
    };
    names.set(index, changed);
    site.attributes.put("value", "{" + names.stream().map(MutantOwners::q)
        .collect(Collectors.joining(", ")) + "}");
    return "task name " + name + " -> " + changed;
  }

  private static String value(Owner owner, Random random) {
    String value = any(random, VALUES);
    owner.anySite(random).site().attributes.put("value", value);
    return "value = " + value;
  }

  private static String timeout(Owner owner, Random random) {
    String timeout = any(random, TIMEOUTS);
    owner.anySite(random).site().attributes.put("timeout", timeout);
    return "timeout = " + timeout;
  }

  private static String maxConcurrency(Owner owner, Random random) {
    String max = any(random, MAX_CONCURRENCY);
    owner.anySite(random).site().attributes.put("maxConcurrency", max);
    return "maxConcurrency = " + max;
  }

  private static String gatherFlags(Owner owner, Random random) {
    Annotation site = owner.anySite(random).site();
    String returnExceptions = String.valueOf(random.nextBoolean());
    String cancelOnFailure = String.valueOf(random.nextBoolean());
    site.attributes.put("returnExceptions", returnExceptions);
    if (random.nextBoolean()) {
      site.attributes.put("cancelOnFailure", cancelOnFailure);
    }
    return "returnExceptions = " + returnExceptions + ", cancelOnFailure = " + cancelOnFailure
        + " on @" + site.name;
  }

  private static String returnWhen(Owner owner, Random random) {
    String when = random.nextInt(5) == 0 ? "null" : "ReturnWhen." + any(random, RETURN_WHEN);
    owner.anySite(random).site().attributes.put("returnWhen", when);
    return "returnWhen = " + when;
  }

  private static String annotationKind(Owner owner, Random random) {
    Annotation site = owner.anySite(random).site();
    String to = any(random, List.of("Gather", "Wait", "AsCompleted"));
    String from = site.name;
    site.name = to;
    if (random.nextInt(5) != 0) {
      Set<String> known = switch (to) {
        case "Gather" -> Set.of("value", "returnExceptions", "cancelOnFailure",
            "maxConcurrency", "timeout");
        case "Wait" -> Set.of("value", "returnWhen", "maxConcurrency", "timeout");
        default -> Set.of("value", "maxConcurrency", "timeout");
      };
      site.attributes.keySet().retainAll(known);
    }
    return "@" + from + " -> @" + to;
  }

  private static String siteReturnType(Owner owner, Random random) {
    Method site = owner.anySite(random);
    site.returns = any(random, RETURN_TYPES);
    return "site " + site.name + " returns " + site.returns;
  }

  private static String siteParameters(Owner owner, Random random) {
    return parameters(owner.anySite(random), random);
  }

  /** Types a parameter named after a task may take: fitting ones mostly, so that graphs pass. */
  private static final List<String> DEPENDENCY_TYPES = List.of("%s", "%s", "Outcome<%s>",
      "Outcome<?>", "Outcome<? super %s>", "Object", "Outcome<Long>", "long", "Outcome");

  /**
   * A task gains a parameter named after a task (itself included), which may make it read that
   * task in the sites that name both: a graph, or a cycle, an ambiguity, a dependency missing
   * from a site, a type that does not accept the result.
   */
  private static String dependency(Owner owner, Random random) {
    Method task = owner.anyTask(random);
    List<Method> tasks = owner.tasks();
    Method read = tasks.get(random.nextInt(tasks.size()));
    String result = TASKS.stream().filter(t -> t.name.equals(read.name)).map(TaskDef::result)
        .findFirst().orElse("String");
    String parameter = any(random, DEPENDENCY_TYPES).replace("%s", result) + " " + read.name;
    if (task.parameters.stream().noneMatch(p -> p.endsWith(" " + read.name))) {
      addParameter(task, parameter, random.nextBoolean());
    }
    if (random.nextBoolean()) {
      // Name the read task in a site that runs the reader, so that the edge exists there.
      for (Method site : owner.sites()) {
        String value = site.site().attributes.getOrDefault("value", "");
        if (value.contains(q(task.name)) && !value.contains(q(read.name))
            && value.startsWith("{")) {
          site.site().attributes.put("value", "{" + q(read.name) + ", " + value.substring(1));
          break;
        }
      }
    }
    return task.name + ": parameter " + parameter + " added, named after a task";
  }

  private static String taskParameters(Owner owner, Random random) {
    return parameters(owner.anyTask(random), random);
  }

  private static String parameters(Method method, Random random) {
    List<String> parameters = method.parameters;
    switch (random.nextInt(5)) {
      case 0 -> {
        if (!parameters.isEmpty()) {
          parameters.remove(random.nextInt(parameters.size()));
        }
        return method.name + ": a parameter removed";
      }
      case 1 -> {
        if (!parameters.isEmpty()) {
          int index = random.nextInt(parameters.size());
          String type = parameters.get(index).substring(0,
              parameters.get(index).lastIndexOf(' '));
          parameters.set(index, type + " " + any(random, PARAMETER_NAMES));
        }
        return method.name + ": a parameter renamed";
      }
      case 2 -> {
        if (!parameters.isEmpty()) {
          int index = random.nextInt(parameters.size());
          String name = parameters.get(index).substring(
              parameters.get(index).lastIndexOf(' ') + 1);
          parameters.set(index, nonVarargs(random) + " " + name);
        }
        return method.name + ": a parameter's type changed";
      }
      default -> {
        String parameter = any(random, PARAMETER_TYPES) + " " + any(random, PARAMETER_NAMES);
        addParameter(method, parameter, random.nextBoolean());
        return method.name + ": parameter " + parameter + " added";
      }
    }
  }

  /** Adds a parameter first or last; varargs stay last (else javac cannot even parse it). */
  private static void addParameter(Method method, String parameter, boolean first) {
    List<String> parameters = method.parameters;
    boolean varargs = parameter.contains("...");
    boolean lastIsVarargs = !parameters.isEmpty()
        && parameters.get(parameters.size() - 1).contains("...");
    if (varargs && lastIsVarargs) {
      parameters.set(parameters.size() - 1, parameter);
    } else if (varargs || !first && !lastIsVarargs) {
      parameters.add(parameter);
    } else if (first) {
      parameters.add(0, parameter);
    } else {
      parameters.add(parameters.size() - 1, parameter);
    }
  }

  private static String nonVarargs(Random random) {
    String type = any(random, PARAMETER_TYPES);
    return type.endsWith("...") ? type.replace("...", "[]") : type;
  }

  private static String siteModifiers(Owner owner, Random random) {
    return modifiers(owner.anySite(random), random);
  }

  private static String taskModifiers(Owner owner, Random random) {
    return modifiers(owner.anyTask(random), random);
  }

  private static String modifiers(Method method, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> {
        method.body = !method.body;
        return method.name + (method.body ? " given a body" : " without a body");
      }
      case 1 -> {
        method.raw = true;
        return method.name + " without implied modifiers";
      }
      default -> {
        String modifier = any(random, MODIFIERS);
        if (modifier.equals("abstract")) {
          method.body = false;
        }
        if (modifier.equals("native")) {
          method.body = false;
        }
        method.modifiers.add(modifier);
        return method.name + " made " + modifier;
      }
    }
  }

  private static String siteTypeParameters(Owner owner, Random random) {
    return typeParameters(owner.anySite(random), random);
  }

  private static String taskTypeParameters(Owner owner, Random random) {
    return typeParameters(owner.anyTask(random), random);
  }

  private static String typeParameters(Method method, Random random) {
    method.typeParameters = any(random, List.of("<U>", "<U extends Number>", "<T>",
        "<U, V>", "<U extends Comparable<U>>"));
    if (random.nextBoolean()) {
      String variable = method.typeParameters.substring(1, 2);
      if (random.nextBoolean()) {
        method.returns = random.nextBoolean() ? variable : "List<" + variable + ">";
      } else {
        addParameter(method, variable + " generic", true);
      }
    }
    return method.name + " made generic " + method.typeParameters;
  }

  private static String siteThrows(Owner owner, Random random) {
    Method site = owner.anySite(random);
    site.thrown.add(any(random, THROWN));
    return site.name + " throws " + site.thrown;
  }

  private static String taskThrows(Owner owner, Random random) {
    Method task = owner.anyTask(random);
    task.thrown.add(any(random, THROWN));
    return task.name + " throws " + task.thrown;
  }

  private static String siteAnnotations(Owner owner, Random random) {
    Method site = owner.anySite(random);
    switch (random.nextInt(3)) {
      case 0 -> site.annotations.add(0, new Annotation("Async"));
      case 1 -> {
        Annotation second = new Annotation(any(random, List.of("Gather", "Wait", "AsCompleted")));
        second.attributes.put("value", q("user"));
        site.annotations.add(second);
      }
      default -> site.annotations.add(0, new Annotation("Deprecated"));
    }
    return site.name + " annotated " + site.annotations.stream().map(a -> a.name).toList();
  }

  private static String taskReturnType(Owner owner, Random random) {
    Method task = owner.anyTask(random);
    task.returns = any(random, RETURN_TYPES);
    return "task " + task.name + " returns " + task.returns;
  }

  private static String taskOverload(Owner owner, Random random) {
    Method task = owner.anyTask(random);
    Method overload = new Method();
    overload.annotations.add(new Annotation(random.nextBoolean() ? "Async" : "Deprecated"));
    overload.body = true;
    overload.returns = task.returns;
    overload.name = task.name;
    overload.parameters.add(random.nextBoolean() ? "Object overloaded" : "int overloaded");
    owner.methods.add(overload);
    return "task " + task.name + " overloaded";
  }

  private static String taskRemoved(Owner owner, Random random) {
    Method task = owner.anyTask(random);
    if (random.nextBoolean()) {
      owner.methods.remove(task);
      return "task " + task.name + " removed";
    }
    task.annotations.removeIf(a -> a.name.equals("Async"));
    return "task " + task.name + " lost @Async";
  }

  private static String ownerKind(Owner owner, Random random) {
    if (random.nextInt(4) == 0 && owner.kind != Kind.ENUM && owner.kind != Kind.RECORD) {
      owner.sealed = true;
      owner.members.add(owner.kind == Kind.INTERFACE
          ? "non-sealed interface Impl extends %N { }"
          : "abstract static non-sealed class Impl extends %N { }");
      return "owner sealed";
    }
    owner.kind = any(random, List.of(Kind.values()));
    return "owner is " + owner.kind;
  }

  private static String ownerNesting(Owner owner, Random random) {
    owner.nesting = any(random, List.of(Nesting.values()));
    return "owner nested " + owner.nesting;
  }

  private static String ownerGeneric(Owner owner, Random random) {
    owner.typeParameters = any(random, List.of("<T>", "<T extends Number>",
        "<T extends Comparable<T>>", "<T, U>", "<T extends List<T>>", "<T, Site>",
        "<T, Objects>", "<T, Executor>", "<T, FanOutCall>", "<T, Task>", "<T extends Exception>",
        "<T extends Runnable & Comparable<T>>", "<T extends Enum<T>>"));
    if (random.nextBoolean()) {
      Method task = owner.anyTask(random);
      task.returns = random.nextBoolean() ? "T" : "List<T>";
      return "owner " + owner.typeParameters + ", task " + task.name + " returns " + task.returns;
    }
    if (random.nextBoolean()) {
      Method site = owner.anySite(random);
      site.returns = any(random, List.of("List<T>", "WaitResult<T>", "Stream<T>", "T"));
      return "owner " + owner.typeParameters + ", site " + site.name + " returns " + site.returns;
    }
    return "owner " + owner.typeParameters;
  }

  private static String constructors(Owner owner, Random random) {
    String constructor = any(random, List.of("private %N() {}", "%N(Executor executor) {}",
        "%N() {}", "protected %N(String s) {}", "%N(int... sizes) {}", "<X> %N(X x) {}",
        "%N() throws IOException {}", "public %N(Executor executor, int size) {}",
        "%N(T t) {}", "private %N(int size) {}", "%N(List<String> names) {}",
        "%N(List<Integer> sizes) {}", "%N(String executor, int executor2) {}"));
    if (random.nextBoolean()) {
      owner.constructors.clear();
    }
    owner.constructors.add(constructor);
    if (owner.kind != Kind.ABSTRACT_CLASS && random.nextBoolean()) {
      owner.kind = Kind.ABSTRACT_CLASS;
    }
    return "constructor " + constructor;
  }

  private static String otherMembers(Owner owner, Random random) {
    String member = any(random, List.of("abstract String other();",
        "public abstract String toString();", "public abstract int hashCode();",
        "abstract boolean equals(Object other);", "static final String NAME = \"x\";",
        "static String executor = null;", "static int call = 0;",
        "interface Nested { @Gather(\"user\") List<String> all(long id); }",
        "class Inner { }", "enum Mode { A }", "static String USER() { return null; }",
        "protected void finalize() { }", "private String secret(long id) { return null; }",
        "@Async static String field = null;", "abstract void executor(Executor executor);",
        // Member types hide, in the coordinator, the types its code names.
        "static class Objects { }", "interface Site { }", "class FanOutCall { }",
        "enum DefaultExecutor { A }", "@interface Generated { }", "@interface Override { }",
        "static class Executor { }", "record Task(int x) { }", "static class Duration { }",
        "static class String { }", "interface List { }", "static class Outcome { }",
        "static class TimeoutException extends Exception { }", "class WaitResult { }",
        "static class ReturnWhen { }", "interface Stream { }", "interface Void { }",
        "static class CompletableFuture { }", "class IOException extends Exception { }",
        // Types the coordinator, outside the owner, cannot name.
        "private static class Secret { }", "private record Hidden(String s) { }"));
    owner.members.add(member);
    return "member " + member;
  }

  private static String resultRecord(Owner owner, Random random) {
    if (owner.results.isEmpty()) {
      owner.results.add("record R0(String c0) {}");
      owner.records = 1;
    }
    int index = random.nextInt(owner.results.size());
    String result = owner.results.get(index);
    Matcher header = RECORD.matcher(result);
    if (!header.matches()) {
      return "result " + result + " left as it is";
    }
    String name = header.group(1);
    String components = header.group(2);
    String changed = switch (random.nextInt(9)) {
      case 0 -> "record " + name + "(" + components + ", String extra) {}";
      case 1 -> "record " + name + "(" + components.replaceFirst("^[^ ]+(<[^ ]*>)?", "String")
          + ") {}";
      case 2 -> "static class " + name + " { " + name + "(" + components + ") {} }";
      case 3 -> "abstract static class " + name + " { " + name + "(" + components + ") {} }";
      case 4 -> "class " + name + " { " + name + "(" + components + ") {} }";
      case 5 -> "private record " + name + "(" + components + ") {}";
      case 6 -> "record " + name + "<A>(" + components + ") {}";
      case 7 -> "record " + name + "(" + components + ") { " + name + "(String a, String b, "
          + "String c, String d) { this(null); } }";
      default -> "record " + name + "() {}";
    };
    owner.results.set(index, changed);
    if (random.nextBoolean()) {
      owner.resultsNested = !owner.resultsNested;
    }
    return "result " + result + " -> " + changed;
  }

  /** A result record as {@link Owner#addRecord} writes it: its name and its components. */
  private static final Pattern RECORD = Pattern.compile("record (\\w+)\\((.*)\\) \\{}");

  private static String parent(Owner owner, Random random) {
    owner.parentKind = owner.kind == Kind.INTERFACE || owner.kind == Kind.ENUM
        || owner.kind == Kind.RECORD || random.nextBoolean() ? Kind.INTERFACE
        : Kind.ABSTRACT_CLASS;
    int moves = 1 + random.nextInt(2);
    List<String> moved = new ArrayList<>();
    for (int i = 0; i < moves && !owner.methods.isEmpty(); i++) {
      Method method = owner.methods.remove(random.nextInt(owner.methods.size()));
      owner.parentMethods.add(method);
      moved.add(method.name);
    }
    return "methods " + moved + " moved to " + owner.parentKind + " Base";
  }

  private static String coordinatorClash(Owner owner, Random random) {
    owner.clashingCoordinator = true;
    return "a class named like the coordinator";
  }

  private static String renameParameter(Owner owner, Random random) {
    String from = random.nextBoolean() ? "id" : "city";
    String to = any(random, TRICKY_NAMES);
    for (Method method : owner.methods) {
      method.parameters.replaceAll(p -> p.endsWith(" " + from)
          ? p.substring(0, p.length() - from.length()) + to : p);
    }
    return "parameter " + from + " renamed " + to + " everywhere";
  }

  private static String renameTask(Owner owner, Random random) {
    Method task = owner.anyTask(random);
    String from = task.name;
    String to = any(random, TRICKY_NAMES);
    for (Method method : owner.methods) {
      if (method.name.equals(from)) {
        method.name = to;
      }
      Annotation site = method.site();
      if (site != null && site.attributes.containsKey("value")) {
        site.attributes.put("value", site.attributes.get("value")
            .replace("\"" + from + "\"", "\"" + to + "\""));
      }
    }
    return "task " + from + " renamed " + to;
  }

  private static String renameSite(Owner owner, Random random) {
    Method site = owner.anySite(random);
    String from = site.name;
    site.name = any(random, TRICKY_NAMES);
    return "site " + from + " renamed " + site.name;
  }

  private static String renameOwner(Owner owner, Random random) {
    if (random.nextBoolean()) {
      owner.name = any(random, OWNER_NAMES);
      return "owner renamed " + owner.name;
    }
    owner.holder = any(random, OWNER_NAMES);
    owner.nesting = random.nextBoolean() ? Nesting.STATIC : Nesting.IN_INTERFACE;
    return "owner nested in " + owner.holder;
  }

  private static String misplacedAnnotation(Owner owner, Random random) {
    String member = any(random, List.of("@Async static String field = null;",
        "@Gather(\"user\") %N() {}", "@Wait(\"user\") static String constant = null;",
        "@AsCompleted(\"user\") interface Nested { }",
        "@Async @Gather(\"user\") abstract class Nested { }"));
    if (member.contains("%N")) {
      owner.constructors.add(member);
    } else {
      owner.members.add(member);
    }
    return "misplaced " + member;
  }

  /** A type only the owner can name, in a signature the coordinator must repeat or call. */
  private static String privateType(Owner owner, Random random) {
    owner.members.add(any(random, List.of("private static class Secret { }",
        "private record Secret(int x) { }", "private interface Secret { }",
        "protected static class Secret { }", "static class Secret { private Secret() { } }")));
    Method method = random.nextBoolean() ? owner.anyTask(random) : owner.anySite(random);
    switch (random.nextInt(4)) {
      case 0 -> method.returns = "Secret";
      case 1 -> method.returns = method.site() != null ? "List<Secret>" : "Secret";
      case 2 -> {
        for (Method m : owner.methods) {
          addParameter(m, "Secret secret", random.nextBoolean());
        }
      }
      default -> addParameter(method, "List<Secret> secrets", false);
    }
    return "a private type Secret in " + method.name;
  }

  private static String durationParameters(Owner owner, Random random) {
    Method site = owner.anySite(random);
    String parameter = any(random, List.of("Duration timeout", "Duration d", "Duration id"));
    addParameter(site, parameter, false);
    if (random.nextBoolean()) {
      Method task = owner.anyTask(random);
      addParameter(task, parameter, false);
      return site.name + " and task " + task.name + " take " + parameter;
    }
    return site.name + " takes " + parameter;
  }
}
