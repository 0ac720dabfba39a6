package dev.mlops.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps every Java snippet of the README true: each {@code ```java} block names, in the prose
 * next to it, the compiled test or example it is taken from, and every line of the snippet must
 * appear in that file, in the same order (an excerpt may skip lines, never change them). A README
 * edit that is not mirrored in compiled code, or a refactoring that leaves the README behind,
 * fails this test.
 */
final class ReadmeSnippetsTest {

  private static final Pattern SOURCE =
      Pattern.compile("mlops-[a-z]+/src/(?:test|main)/java/[A-Za-z0-9_/]+\\.java");

  /** A fenced Java block of the README and the lines around it. */
  private record Snippet(int startLine, List<String> lines, String source) {}

  @Test
  void everyJavaSnippet_isAnExcerptOfTheCompiledFileItNames() throws IOException {
    Path root = Paths.get("..").toAbsolutePath().normalize();
    List<Snippet> snippets = snippets(Files.readAllLines(root.resolve("README.md")));

    assertThat(snippets).as("java snippets in README.md").hasSizeGreaterThanOrEqualTo(5);
    for (Snippet s : snippets) {
      assertThat(s.source())
          .as("README.md line %d: a java snippet must name the file it is taken from", s.startLine())
          .isNotNull();
      Path file = root.resolve(s.source());
      assertThat(file).as("README.md line %d names %s", s.startLine(), s.source()).exists();
      List<String> code = Files.readAllLines(file).stream().map(ReadmeSnippetsTest::normalise).toList();
      int at = 0;
      for (String line : s.lines()) {
        String wanted = normalise(line);
        if (wanted.isEmpty()) {
          continue;
        }
        int found = indexOf(code, wanted, at);
        assertThat(found)
            .as("README.md line %d: snippet line%n  %s%nis not in %s (after line %d)",
                s.startLine(), line.strip(), s.source(), at)
            .isGreaterThanOrEqualTo(0);
        at = found + 1;
      }
    }
  }

  private static int indexOf(List<String> code, String wanted, int from) {
    for (int i = from; i < code.size(); i++) {
      if (code.get(i).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  /** Whitespace-insensitive: the README may indent a method differently from its class. */
  private static String normalise(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }

  /**
   * The java blocks, each with the source file named nearest to it in the prose between the
   * previous and the next fenced block.
   */
  private static List<Snippet> snippets(List<String> readme) {
    List<int[]> fences = new ArrayList<>();
    int open = -1;
    boolean java = false;
    for (int i = 0; i < readme.size(); i++) {
      String line = readme.get(i).strip();
      if (!line.startsWith("```")) {
        continue;
      }
      if (open < 0) {
        open = i;
        java = line.equals("```java");
      } else {
        fences.add(new int[] {open, i, java ? 1 : 0});
        open = -1;
      }
    }
    List<Snippet> result = new ArrayList<>();
    for (int f = 0; f < fences.size(); f++) {
      int[] fence = fences.get(f);
      if (fence[2] == 0) {
        continue;
      }
      int proseStart = f == 0 ? 0 : fences.get(f - 1)[1] + 1;
      int proseEnd = f + 1 < fences.size() ? fences.get(f + 1)[0] : readme.size();
      String source = null;
      int best = Integer.MAX_VALUE;
      for (int i = proseStart; i < proseEnd; i++) {
        if (i >= fence[0] && i <= fence[1]) {
          continue;
        }
        Matcher m = SOURCE.matcher(readme.get(i));
        if (m.find()) {
          int distance = i < fence[0] ? fence[0] - i : i - fence[1];
          if (distance < best) {
            best = distance;
            source = m.group();
          }
        }
      }
      result.add(new Snippet(fence[0] + 1, readme.subList(fence[0] + 1, fence[1]), source));
    }
    return result;
  }
}
