package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.fanout.Outcome;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A smoke test that the golden coordinators run against the engine: the glue calls what it
 * should. The engine's semantics are tested in the annotations module.
 */
class GeneratedCodeRunsTest {

  @Test
  void dashboardGathersRecordsListsAndOutcomes() throws Exception {
    Object dashboard = coordinator("dev/example/dashboard/Dashboard.java",
        "dev.example.dashboard.DashboardCoordinator");
    assertEquals("Overview[user=User[id=7, name=user7], orders=[Order[id=1, userId=7]],"
            + " weather=Weather[city=Oslo, degrees=21], score=7]",
        call(dashboard, "overview", 7L, "Oslo").toString());
    assertEquals("[User[id=1, name=user1], User[id=2, name=user2]]",
        call(dashboard, "users", List.of(1L, 2L)).toString());
    CompletableFuture<?> async = (CompletableFuture<?>) call(dashboard, "usersAsync",
        (Object) new long[] {3, 4});
    assertEquals("[User[id=3, name=user3], User[id=4, name=user4]]",
        async.get(10, TimeUnit.SECONDS).toString());
    WaitResult<?> first = (WaitResult<?>) call(dashboard, "firstUser", List.of(5L), null);
    assertEquals(1, first.done().size() + first.pending().size());
  }

  @Test
  void inventoryWaitsAndStreams() throws Exception {
    Object inventory = coordinator("dev/example/inventory/Inventory.java",
        "dev.example.inventory.InventoryCoordinator");
    Object lookups = call(inventory, "lookups", "sku");
    assertEquals("Lookups", lookups.getClass().getSimpleName());
    try (Stream<?> finished = (Stream<?>) call(inventory, "finished", "abc")) {
      assertEquals("[describe, price, stock]", finished.map(t -> ((Task<?>) t).name())
          .sorted().collect(Collectors.toList()).toString());
    }
  }

  @Test
  void genericRepoSettlesOutcomes() throws Exception {
    Object repo = coordinator("dev/example/repo/Repos.java",
        "dev.example.repo.Repos_RepoCoordinator");
    List<?> outcomes = (List<?>) call(repo, "loadAll", List.of("a", "b"));
    assertEquals(2, outcomes.size());
    assertEquals(true, outcomes.get(0) instanceof Outcome.Success<?>);
  }

  @Test
  void anOverloadedTaskNameStillCallsTheTask() throws Exception {
    // An Object overload would win for a Long argument: the coordinator must cast to long.
    JavaFileObject owner = Compilations.source("Overloads",
        "package test;",
        "import dev.fanout.*;",
        "import java.util.*;",
        "public abstract class Overloads {",
        "  @Async String user(long id) { return \"task\" + id; }",
        "  String user(Object id) { return \"overload\" + id; }",
        "  @Async String yield(long id) { return \"yield\" + id; }",
        "  @Async boolean equals(long id) { return id > 1; }",
        "  @Gather(\"user\") abstract List<String> users(List<Long> ids);",
        "  @Gather(\"yield\") abstract List<String> yields(Long[] ids);",
        "  @Gather(\"equals\") abstract List<Boolean> equalities(Set<Long> ids);",
        "}");
    Object overloads = coordinator(owner, "test.OverloadsCoordinator");
    assertEquals("[task1, task2]", call(overloads, "users", List.of(1L, 2L)).toString());
    assertEquals("[yield3]", call(overloads, "yields", (Object) new Long[] {3L}).toString());
    assertEquals("[true]", call(overloads, "equalities", Set.of(2L)).toString());
  }

  @Test
  void aCollectionSitesBodyIsCreatedOnceAndTakesEachElement() throws Exception {
    // A body per site, not per task: primitives are boxed into it and cast back where overloads
    // need it, and its local clears the names the lambda reads (a static task's class here).
    JavaFileObject owner = Compilations.source("Elements",
        "package test;",
        "import dev.fanout.*;",
        "import java.util.*;",
        "import java.util.concurrent.*;",
        "public abstract class Elements {",
        "  public final Set<Long> seen = ConcurrentHashMap.newKeySet();",
        "  @Async String user(long id) { return \"task\" + id; }",
        "  String user(Object id) { return \"overload\" + id; }",
        "  @Async void see(long id) { seen.add(id); }",
        "  @Async static int Elements(int x) { return -x; }",
        "  @Async int scale(int scale, int x) { return scale * x; }",
        "  @Async CompletableFuture<Integer> later(Integer x) {",
        "    return CompletableFuture.completedFuture(x + 1);",
        "  }",
        "  @Gather(\"user\") abstract List<String> users(long[] ids);",
        "  @Gather(\"see\") abstract void seeAll(long[] ids);",
        "  @Gather(\"Elements\") abstract List<Integer> negated(int[] xs);",
        "  @Gather(\"scale\") abstract List<Integer> scaled(int scale, int[] xs);",
        "  @Gather(\"later\") abstract List<Integer> laters(List<Integer> xs);",
        "}");
    Object elements = coordinator(owner, "test.ElementsCoordinator");
    assertEquals("[task1, task2]", call(elements, "users", (Object) new long[] {1, 2}).toString());
    call(elements, "seeAll", (Object) new long[] {3, 4});
    assertEquals(Set.of(3L, 4L), elements.getClass().getSuperclass().getDeclaredField("seen")
        .get(elements));
    assertEquals("[-5, 6]", call(elements, "negated", (Object) new int[] {5, -6}).toString());
    assertEquals("[3, 6]", call(elements, "scaled", 3, new int[] {1, 2}).toString());
    assertEquals("[8, 9]", call(elements, "laters", List.of(7, 8)).toString());
  }

  private static Object call(Object target, String name, Object... args) throws Exception {
    for (Method method : target.getClass().getDeclaredMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == args.length) {
        method.setAccessible(true);
        return method.invoke(target, args);
      }
    }
    throw new AssertionError("no method " + name);
  }

  private static Object coordinator(String source, String name) throws Exception {
    return coordinator(owner(source), name);
  }

  private static Object coordinator(JavaFileObject owner, String name) throws Exception {
    Compilation compilation = compile(owner);
    assertThat(compilation).succeededWithoutWarnings();
    return new CompiledClasses(compilation).loadClass(name).getConstructor().newInstance();
  }

  /** Loads the classes of a compilation, which compile-testing keeps in memory. */
  static final class CompiledClasses extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClasses(Compilation compilation) {
      super(GeneratedCodeRunsTest.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String binary = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
              path.length() - ".class".length()).replace('/', '.');
          classes.put(binary, bytes(file));
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }

    private static byte[] bytes(JavaFileObject file) {
      try (InputStream in = file.openInputStream()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
