package dev.mlops.core.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files as issue 17 found them: a BOM, Java number literals, localised numbers, bad bytes. */
final class HostileCsvTest {

  @TempDir Path dir;

  private Path csv(String text) throws IOException {
    Path p = dir.resolve("in.csv");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void byteOrderMark_isStripped_fromTheFirstColumnName() throws IOException {
    Table t = CsvSource.of(csv("\uFEFFx1,x2\n1,2\n")).read();
    assertThat(t.names()).containsExactly("x1", "x2");
    assertThat(t.numericColumn("x1")).containsExactly(1.0);
  }

  @Test
  void javaNumberLiterals_areNotNumbers_underTheStrictGrammar() throws IOException {
    for (String literal : new String[] {"0x1p3", "1d", "2f", " 1", "1e", "+", ".", "1.2.3", "NaNa"}) {
      assertThat(CsvCells.isStrictNumber(literal)).as(literal).isFalse();
    }
    for (String number : new String[] {"1", "-2.5", "+.5", "3.", "1e10", "1.5E-3", "-Infinity"}) {
      assertThat(CsvCells.isStrictNumber(number)).as(number).isTrue();
    }
    assertThatThrownBy(() -> CsvSource.of(csv("x,y\n1,a\n0x1p3,b\n")).numeric("x").read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("in.csv line 3, column 'x': value in numeric column must be a number: '0x1p3'");
    Table t = CsvSource.of(csv("code\n1d\n2f\nx\n")).read();
    assertThat(t.column("code").type()).isEqualTo(ColumnType.CATEGORICAL);
  }

  @Test
  void mostlyNumericColumn_withThousandsSeparators_failsWithFileLineColumnAndValue()
      throws IOException {
    StringBuilder s = new StringBuilder("amount,id\n");
    for (int i = 0; i < 20; i++) {
      s.append(i < 17 ? Integer.toString(100 + i) : "\"1,2" + i + "0\"").append(',').append(i)
          .append('\n');
    }
    CsvFormatException e = org.junit.jupiter.api.Assertions.assertThrows(CsvFormatException.class,
        () -> CsvSource.of(csv(s.toString())).read());
    assertThat(e.line()).isEqualTo(19); // header on line 1, data row 17 on line 19
    assertThat(e.column()).isEqualTo("amount");
    assertThat(e.file()).endsWith("in.csv");
    assertThat(e).hasMessage("in.csv line 19, column 'amount': column must be numeric (17 of 20"
        + " values are numbers) but holds '1,2170' (a thousands separator or decimal comma?);"
        + " declare it categorical() if that is intended");
    assertThat(CsvSource.of(csv(s.toString())).categorical("amount").read()
        .categoricalColumn("amount")[19]).isEqualTo("1,2190");
  }

  @Test
  void decimalCommas_inAMostlyNumericColumn_failWithTheLine_unlessDeclaredCategorical()
      throws IOException {
    Path p = csv("price;n\n1.5;1\n2.25;2\n3,5;3\n4;4\n");
    assertThatThrownBy(() -> CsvSource.of(p).delimiter(';').read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("in.csv line 4, column 'price': column must be numeric (3 of 4 values are"
            + " numbers) but holds '3,5' (a thousands separator or decimal comma?); declare it"
            + " categorical() if that is intended");
    assertThat(CsvSource.of(p).delimiter(';').categorical("price").read()
        .categoricalColumn("price")).containsExactly("1.5", "2.25", "3,5", "4");
  }

  @Test
  void columnOf85PercentNumbers_andWords_failsInsteadOfSilentlyBecomingCategorical()
      throws IOException {
    StringBuilder s = new StringBuilder("x\n");
    for (int i = 0; i < 20; i++) {
      s.append(i < 17 ? Double.toString(i / 4.0) : "n/a-" + i).append('\n');
    }
    assertThatThrownBy(() -> CsvSource.of(csv(s.toString())).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("in.csv line 19, column 'x': column must be numeric (17 of 20 values are"
            + " numbers) but holds 'n/a-17'; declare it categorical() if that is intended");
  }

  @Test
  void lineNumbers_areFileLines_evenAfterAQuotedFieldSpanningLines() throws IOException {
    Path p = csv("note,x\n\"two\nlines\",1\nok,2\nbad,three\n");
    assertThatThrownBy(() -> CsvSource.of(p).numeric("x").read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("in.csv line 5, column 'x': value in numeric column must be a number: 'three'");
  }

  @Test
  void invalidUtf8_isNamedAsADecodingError_withTheLine() throws IOException {
    Path p = dir.resolve("latin1.csv");
    byte[] head = "x,city\n1,Lyon\n2,".getBytes(UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
    bytes[head.length] = (byte) 0xE9; // é in Latin-1: not UTF-8
    bytes[head.length + 1] = 'e';
    bytes[head.length + 2] = '\n';
    Files.write(p, bytes);
    assertThatThrownBy(() -> CsvSource.of(p).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("latin1.csv line 3: CSV file must be UTF-8: malformed input");
  }

  @Test
  void aMissingFile_isAnIoErrorSayingItDoesNotExist_withThePath_notAFormatError() {
    Path p = dir.resolve("no-such-dir").resolve("absent.csv");
    assertThatThrownBy(() -> CsvSource.of(p).read())
        .isInstanceOf(java.io.UncheckedIOException.class)
        .isNotInstanceOf(CsvFormatException.class)
        .hasMessage("CSV file must exist: " + p.toAbsolutePath() + " does not")
        .hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void malformedQuote_failsWithTheFileAndLine() throws IOException {
    Path p = csv("a,b\n1,2\n\"x\"y,3\n");
    assertThatThrownBy(() -> CsvSource.of(p).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("in.csv line 3: CSV file is malformed");
  }

  @Test
  void emptyAndHeaderOnlyFiles_giveAClearError() throws IOException {
    assertThatThrownBy(() -> CsvSource.of(csv("")).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("in.csv: CSV file must have a header row and data rows: the file is empty");
    assertThatThrownBy(() -> CsvSource.of(csv("a,b\n")).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("in.csv: CSV file must have data rows: it has only a header [a, b]");
  }

  @Test
  void fieldLongerThanTheMaximum_failsWithItsLine_beforeItIsBuffered() throws IOException {
    Path p = csv("a,b\n1,2\n3,\"" + "z".repeat(5_000) + "\"\n");
    assertThat(CsvSource.of(p).read().categoricalColumn("b")[1]).hasSize(5_000);
    assertThatThrownBy(() -> CsvSource.of(p).maxFieldSize(1_000).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("in.csv line 3: field must have at most 1000 characters");
    assertThatThrownBy(() -> CsvSource.of(p).maxFieldSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max field size must be at least 1: 0");
  }

  @Test
  void rowWithTheWrongNumberOfCells_failsWithItsLine() throws IOException {
    assertThatThrownBy(() -> CsvSource.of(csv("a,b\n1,2\n3\n")).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("in.csv line 3: row must have 2 cells as the header has: 1");
  }
}
