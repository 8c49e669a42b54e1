package dev.fanout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import dev.fanout.ReturnWhen;
import dev.fanout.processor.model.ReturnCondition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/** What build tools rely on: isolating, sources only, exact annotation names, any Java. */
class BuildIntegrationTest {

  @Test
  void declaresItselfIsolatingToGradle() throws IOException {
    assertEquals(
        "dev.fanout.processor.FanoutProcessor,isolating",
        resource("META-INF/gradle/incremental.annotation.processors").trim());
  }

  @Test
  void isRegisteredAsAProcessorService() throws IOException {
    assertEquals(
        "dev.fanout.processor.FanoutProcessor",
        resource("META-INF/services/javax.annotation.processing.Processor").trim());
  }

  @Test
  void claimsExactlyFanoutsAnnotationsAndTheLatestSourceVersion() {
    FanoutProcessor processor = new FanoutProcessor();
    assertEquals(
        Set.of("dev.fanout.Async", "dev.fanout.Gather", "dev.fanout.Wait", "dev.fanout.AsCompleted"),
        processor.getSupportedAnnotationTypes());
    assertEquals(SourceVersion.latestSupported(), processor.getSupportedSourceVersion());
  }

  @Test
  void readsReturnWhenByTheSameConstantsItDoesNotLoad() {
    assertEquals(
        Arrays.stream(ReturnWhen.values()).map(Enum::name).toList(),
        Arrays.stream(ReturnCondition.values()).map(Enum::name).toList());
  }

  @Test
  void writesSourcesAndNothingElse() {
    OriginRecorder recorder = new OriginRecorder(new FanoutProcessor());
    Compilation compilation = compile(List.of(recorder),
        owner("dev/example/dashboard/Dashboard.java"),
        owner("dev/example/inventory/Inventory.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(Set.of("createSourceFile"), recorder.filerCalls());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = FanoutProcessor.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
