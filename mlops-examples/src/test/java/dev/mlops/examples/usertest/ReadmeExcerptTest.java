package dev.mlops.examples.usertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "ModelTest in a JUnit test" snippet is a true excerpt of {@link LoanModelTest}. */
final class ReadmeExcerptTest {

  @Test
  void readmeSnippet_isTheTaggedPartOfLoanModelTest() throws IOException {
    Path readme = Paths.get("..", "README.md");
    Path test = Paths.get("src", "test", "java", "dev", "mlops", "examples", "usertest", "LoanModelTest.java");
    String source = Files.readString(test);
    String tagged = source.substring(source.indexOf("// tag::model-test[]\n") + "// tag::model-test[]\n".length(),
        source.indexOf("  // end::model-test[]"));
    // the README shows the method without its two-space class indentation
    String excerpt = Arrays.stream(tagged.split("\n", -1))
        .map(line -> line.startsWith("  ") ? line.substring(2) : line)
        .collect(Collectors.joining("\n")).strip();

    String section = Files.readString(readme).split("### ModelTest in a JUnit test", 2)[1].split("\n### ", 2)[0];

    assertThat(section).contains("```java\n" + excerpt + "\n```");
    assertThat(section).contains("mlops-examples/src/test/java/dev/mlops/examples/usertest/LoanModelTest.java");
  }
}
