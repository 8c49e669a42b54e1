package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.generated;
import static dev.fanout.processor.Compilations.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles the owners under {@code owners/} and compares each coordinator, as exact text, with
 * its golden file under {@code expected/}. Run with {@code -Dfanout.updateGoldens=true} to
 * rewrite the goldens (in {@code fanout.goldenRoot}, which Surefire sets), then review the diff.
 */
class GoldenTest {
  private static final Path GOLDEN_ROOT =
      Path.of(System.getProperty("fanout.goldenRoot", "src/test/resources/expected"));
  private static final boolean UPDATE = Boolean.getBoolean("fanout.updateGoldens");

  @Test
  void classOwnerWithEveryGatherShape() throws IOException {
    check("dev/example/dashboard/Dashboard.java", "dev.example.dashboard.DashboardCoordinator");
  }

  @Test
  void interfaceOwnerWithWaitAndAsCompletedShapes() throws IOException {
    check("dev/example/inventory/Inventory.java", "dev.example.inventory.InventoryCoordinator");
  }

  @Test
  void genericNestedOwnerWithOutcomesAndFutures() throws IOException {
    check("dev/example/repo/Repos.java", "dev.example.repo.Repos_RepoCoordinator");
  }

  @Test
  void ownerWithConstructorsAndClashingNames() throws IOException {
    check("dev/example/client/Client.java", "dev.example.client.ClientCoordinator");
  }

  @Test
  void ownerWithNestedTypesThatAreNotRecords() throws IOException {
    check("dev/example/catalog/Catalog.java", "dev.example.catalog.CatalogCoordinator");
  }

  @Test
  void diamondGraphInEveryStyle() throws IOException {
    check("dev/example/profile/Profile.java", "dev.example.profile.ProfileCoordinator");
  }

  @Test
  void chainWithAClashingTaskName() throws IOException {
    check("dev/example/pipeline/Pipeline.java", "dev.example.pipeline.PipelineCoordinator");
  }

  @Test
  void eachCoordinatorHasItsOwnerAsItsOneOriginatingElement() {
    OriginRecorder recorder = new OriginRecorder(new FanoutProcessor());
    Compilation compilation = compile(List.of(recorder),
        owner("dev/example/dashboard/Dashboard.java"),
        owner("dev/example/inventory/Inventory.java"),
        owner("dev/example/repo/Repos.java"),
        owner("dev/example/client/Client.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(Map.of(
            "dev.example.dashboard.DashboardCoordinator", "[dev.example.dashboard.Dashboard]",
            "dev.example.inventory.InventoryCoordinator", "[dev.example.inventory.Inventory]",
            "dev.example.repo.Repos_RepoCoordinator", "[dev.example.repo.Repos.Repo]",
            "dev.example.client.ClientCoordinator", "[dev.example.client.Client]"),
        recorder.origins());
  }

  private static void check(String source, String coordinator) throws IOException {
    JavaFileObject owner = owner(source);
    Compilation compilation = compile(owner);
    assertThat(compilation).succeededWithoutWarnings();
    String actual = generated(compilation, coordinator);
    Path golden = GOLDEN_ROOT.resolve(coordinator.replace('.', '/') + ".java");
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + golden);
    assertEquals(actual, generated(compile(owner(source)), coordinator), "a second build differs");
  }
}
