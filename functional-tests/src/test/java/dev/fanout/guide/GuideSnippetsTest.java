package dev.fanout.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The guide's code is this package's code: every {@code <!-- snippet:NAME -->} block of
 * docs/GUIDE.md equals the region {@code // snippet:NAME} … {@code // end:NAME} of a source
 * here (which the build compiles and {@link GuideTest} runs), and every region is quoted.
 */
class GuideSnippetsTest {
  private static final Path DOCS = Path.of(System.getProperty("fanout.docsDir", "../docs"));
  private static final Path SOURCES =
      Path.of(System.getProperty("fanout.guideSources", "src/test/java/dev/fanout/guide"));
  private static final Pattern QUOTED =
      Pattern.compile("<!-- snippet:([\\w-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyQuotedSnippetIsCompiledCode() throws IOException {
    Map<String, String> regions = regions();
    Map<String, String> quoted = quoted();
    assertFalse(quoted.isEmpty(), "no snippet in the guide");
    for (Map.Entry<String, String> snippet : quoted.entrySet()) {
      assertTrue(regions.containsKey(snippet.getKey()),
          "the guide quotes snippet:" + snippet.getKey() + ", which no source has");
      assertEquals(regions.get(snippet.getKey()), snippet.getValue(),
          "snippet:" + snippet.getKey() + " differs from the source");
    }
  }

  @Test
  void everySnippetIsQuoted() throws IOException {
    Map<String, String> quoted = quoted();
    for (String name : regions().keySet()) {
      assertTrue(quoted.containsKey(name), "the guide does not quote snippet:" + name);
    }
  }

  private static Map<String, String> quoted() throws IOException {
    String guide = Files.readString(DOCS.resolve("GUIDE.md"), StandardCharsets.UTF_8);
    Map<String, String> quoted = new TreeMap<>();
    Matcher m = QUOTED.matcher(guide);
    while (m.find()) {
      quoted.put(m.group(1), m.group(2));
    }
    return quoted;
  }

  /** Every region of the sources, de-indented, each line ending in a newline. */
  private static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(SOURCES)) {
      files = list.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).trim();
        if (line.startsWith("// snippet:")) {
          String name = line.substring("// snippet:".length());
          int end = lines.subList(i, lines.size()).indexOf(
              lines.get(i).replace("snippet:", "end:")) + i;
          assertTrue(end > i, "snippet:" + name + " in " + file + " has no end");
          regions.put(name, dedent(lines.subList(i + 1, end)));
        }
      }
    }
    return regions;
  }

  private static String dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(indent));
    }
    return String.join("\n", out) + "\n";
  }
}
