package dev.fanout.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The checked-in FanIn.java is what {@link FanInGenerator} writes. */
class FanInGeneratorTest {
  @Test
  void theFanInOwnerIsUpToDate() throws IOException {
    assertEquals(FanInGenerator.source(),
        Files.readString(FanInGenerator.FILE, StandardCharsets.UTF_8),
        "FanIn.java differs from its generator's output: run FanInGenerator (see its Javadoc)");
  }
}
