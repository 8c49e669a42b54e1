package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published Javadoc keeps what the build cannot check by itself: package documentation and a
 * short example on every public type of {@code dev.fanout}. (Doclint warnings fail
 * {@code mvn javadoc:javadoc}.)
 */
class ApiDocsTest {
  private static final Path API = Path.of("src/main/java/dev/fanout");

  @Test
  void thePackageIsDocumented() throws IOException {
    String info = Files.readString(API.resolve("package-info.java"), StandardCharsets.UTF_8);
    assertTrue(info.contains("<pre>{@code"), "package-info.java has no example");
  }

  @Test
  void everyPublicTypeShowsAnExample() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(API)) {
      sources = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.endsWith("package-info.java")).sorted().toList();
    }
    assertFalse(sources.isEmpty(), "no sources under " + API.toAbsolutePath());
    for (Path source : sources) {
      String text = Files.readString(source, StandardCharsets.UTF_8);
      int type = text.indexOf("\npublic ");
      assertTrue(type > 0, source + " declares no public type");
      assertTrue(text.substring(0, type).contains("<pre>{@code"),
          source.getFileName() + ": its type's Javadoc shows no example");
    }
  }
}
