package dev.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsvSourceTest {

  @TempDir Path dir;

  private Path csv(String text) throws IOException {
    Path p = dir.resolve("data.csv");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void infersNumericAndCategoricalColumns_andReadsMissingMarkers() throws IOException {
    Table t = CsvSource.of(csv("a,b,c\r\n1.5,x,\r\nNA,y,3\r\n2,\"z, quoted\",4\r\n")).read();

    assertThat(t.columns()).containsExactly(Column.numeric("a"), Column.categorical("b"), Column.numeric("c"));
    assertThat(t.numericColumn("a")).containsExactly(1.5, Double.NaN, 2.0);
    assertThat(t.categoricalColumn("b")).containsExactly("x", "y", "z, quoted");
    assertThat(t.numericColumn("c")).containsExactly(Double.NaN, 3.0, 4.0);
  }

  @Test
  void declaredTypes_overrideInference_andTimestampsParseAsUtcEpochMillis() throws IOException {
    Table t = CsvSource.of(csv("day,season,x\n2011-01-01,1,0.5\n2011-01-02,2,0.7\n"))
        .timestampColumn("day").categorical("season").read();

    assertThat(t.column("day").type()).isEqualTo(ColumnType.TIMESTAMP);
    // 2011-01-01T00:00Z = 1293840000 s since the epoch (date -u -d 2011-01-01 +%s).
    assertThat(t.numericColumn("day")).containsExactly(1293840000000.0, 1293926400000.0);
    assertThat(t.categoricalColumn("season")).containsExactly("1", "2");
  }

  @Test
  void repeatedTimestamps_eachReadAsTheirOwnValue_acrossMissingCells() throws IOException {
    Table t = CsvSource.of(csv("day,x\n2011-01-01,1\n2011-01-01,2\nNA,3\n2011-01-01,4\n2011-01-02,5\n,6\n2011-01-02,7\n2011-01-01,8\n"))
        .timestampColumn("day").read();

    // 2011-01-01T00:00Z and 2011-01-02T00:00Z in ms (date -u -d 2011-01-01 +%s, times 1000).
    assertThat(t.numericColumn("day")).containsExactly(1293840000000.0, 1293840000000.0, Double.NaN,
        1293840000000.0, 1293926400000.0, Double.NaN, 1293926400000.0, 1293840000000.0);
  }

  @Test
  void missingMarkers_matchWholeCellsOnly_whateverTheirLength() throws IOException {
    Table t = CsvSource.of(csv("a,b\nnull,x\nnul,NA\n?,NAN\nN/A,\n")).missingValues("null", "?", "").read();

    assertThat(t.categoricalColumn("a")).containsExactly(null, "nul", null, "N/A");
    assertThat(t.categoricalColumn("b")).containsExactly("x", "NA", "NAN", null);
  }

  @Test
  void longColumns_keepEveryParsedValue_andAColumnThatTurnsNonNumericLateIsStillJudgedWhole() throws IOException {
    StringBuilder s = new StringBuilder("n,code,mixed\n");
    for (int i = 0; i < 3000; i++) {
      s.append(i).append(',').append(i == 2500 ? "A7" : Integer.toString(i % 7)).append(',')
          .append(i < 1500 ? Integer.toString(i) : "v" + i).append('\n');
    }
    Path p = csv(s.toString());

    Table t = CsvSource.of(p).drop("code").read();
    assertThat(t.numericColumn("n")).hasSize(3000).startsWith(0.0, 1.0).endsWith(2998.0, 2999.0);
    assertThat(t.column("mixed").type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(t.categoricalColumn("mixed")[2999]).isEqualTo("v2999");
    assertThatThrownBy(() -> CsvSource.of(p).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("data.csv line 2502, column 'code': column must be numeric (2999 of 3000 values are numbers) but holds 'A7'");
    assertThatThrownBy(() -> CsvSource.of(p).numeric("code").drop("mixed").read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("data.csv line 2502, column 'code': value in numeric column must be a number: 'A7'");
  }

  @Test
  void columnOfMissingCellsOnly_isCategorical() throws IOException {
    Table t = CsvSource.of(csv("a,b\nNA,1\n,2\n")).read();

    assertThat(t.column("a").type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(t.categoricalColumn("a")).containsExactly(null, null);
    assertThat(t.numericColumn("b")).containsExactly(1.0, 2.0);
  }

  @Test
  void nonNumericValueInDeclaredNumericColumn_failsNamingColumnRowAndValue() throws IOException {
    Path p = csv("x,y\n1,2\n3,abc\n");

    assertThatThrownBy(() -> CsvSource.of(p).numeric("y").read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("data.csv line 3, column 'y': value in numeric column must be a number: 'abc'");
  }

  @Test
  void mostlyNumericColumnWithAStrayValue_failsInsteadOfBecomingCategorical() throws IOException {
    StringBuilder s = new StringBuilder("x\n");
    for (int i = 0; i < 20; i++) {
      s.append(i == 13 ? "1O" : Integer.toString(i)).append('\n');
    }
    Path p = csv(s.toString());

    assertThatThrownBy(() -> CsvSource.of(p).read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("data.csv line 15, column 'x': column must be numeric (19 of 20 values are numbers) but holds '1O'");
  }

  @Test
  void unparseableTimestamp_failsNamingColumnRowAndValue() throws IOException {
    Path p = csv("day,x\n2011-01-01,1\n2011-13-45,2\n");

    assertThatThrownBy(() -> CsvSource.of(p).timestampColumn("day").read())
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("data.csv line 3, column 'day': value in timestamp column must parse as an ISO-8601 date or date-time: '2011-13-45'");
  }

  @Test
  void droppedColumns_areLeftOut_andDeclaringAnAbsentColumnFails() throws IOException {
    Path p = csv("id,x,y\n1,2,3\n");

    assertThat(CsvSource.of(p).drop("id").read().names()).containsExactly("x", "y");
    assertThatThrownBy(() -> CsvSource.of(p).numeric("nope").read())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declared column must exist in data.csv: 'nope'");
  }
}
