package dev.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import smile.data.DataFrame;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.data.vector.StringVector;

final class SourcesTest {

  record Ride(String day, int season, double temp, Integer count) {}

  @Test
  void recordSource_extractsTheDeclaredColumns() {
    List<Ride> rides = List.of(new Ride("2011-01-01", 1, 0.2, 10), new Ride("2011-01-02", 2, Double.NaN, 12));

    Table t = RecordSource.of(rides)
        .timestamp("day", r -> LocalDate.parse(r.day()).atStartOfDay().toInstant(java.time.ZoneOffset.UTC))
        .categorical("season", r -> Integer.toString(r.season()))
        .numeric("temp", Ride::temp)
        .numeric("count", Ride::count)
        .read();

    assertThat(t.columns()).containsExactly(Column.timestamp("day"), Column.categorical("season"),
        Column.numeric("temp"), Column.numeric("count"));
    assertThat(t.numericColumn("day")).containsExactly(
        (double) Instant.parse("2011-01-01T00:00:00Z").toEpochMilli(), (double) Instant.parse("2011-01-02T00:00:00Z").toEpochMilli());
    assertThat(t.numericColumn("temp")).containsExactly(0.2, Double.NaN);
    assertThat(t.categoricalColumn("season")).containsExactly("1", "2");
  }

  @Test
  void dataFrameSource_mapsNumericAndStringColumns_andDeclaredCategories() {
    DataFrame df = DataFrame.of(
        DoubleVector.of("x", new double[] {1.5, 2.5}),
        IntVector.of("code", new int[] {3, 4}),
        StringVector.of("s", "a", null));

    Table t = DataFrameSource.of(df).categorical("code").read();

    assertThat(t.columns()).containsExactly(Column.numeric("x"), Column.categorical("code"), Column.categorical("s"));
    assertThat(t.numericColumn("x")).containsExactly(1.5, 2.5);
    assertThat(t.categoricalColumn("code")).containsExactly("3", "4");
    assertThat(t.categoricalColumn("s")).containsExactly("a", null);
  }

  @Test
  void stratifiedSampling_keepsEachClassShare_andIsSeeded() {
    String[] label = new String[1000];
    double[] x = new double[1000];
    for (int i = 0; i < 1000; i++) {
      label[i] = i < 900 ? "a" : "b";
      x[i] = i;
    }
    Table t = Table.builder().numeric("x", x).categorical("label", label).build();

    Table s1 = Sampling.stratified("label", 0.1).apply(t, 5);
    Table s2 = Sampling.stratified("label", 0.1).apply(t, 5);
    Table s3 = Sampling.stratified("label", 0.1).apply(t, 6);

    List<String> labels = new ArrayList<>(List.of(s1.categoricalColumn("label")));
    assertThat(labels).hasSize(100);
    assertThat(labels.stream().filter("b"::equals).count()).isEqualTo(10);
    assertThat(s2.numericColumn("x")).containsExactly(s1.numericColumn("x"));
    assertThat(s3.numericColumn("x")).isNotEqualTo(s1.numericColumn("x"));
    assertThat(s1.numericColumn("x")).isSorted();
    assertThat(Sampling.random(0.25).apply(t, 1).rowCount()).isEqualTo(250);
  }

  @Test
  void fingerprint_changesWithAnyValue_andNotOtherwise() {
    Table a = Table.builder().numeric("x", new double[] {1, 2}).categorical("c", new String[] {"u", null}).build();
    Table b = Table.builder().numeric("x", new double[] {1, 2}).categorical("c", new String[] {"u", null}).build();
    Table c = Table.builder().numeric("x", new double[] {1, 2}).categorical("c", new String[] {"u", "v"}).build();

    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(64).isNotEqualTo(c.fingerprint());
  }
}
