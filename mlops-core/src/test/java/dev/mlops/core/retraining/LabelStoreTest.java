package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LabelStoreTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void keepsTheNewestRows_withinTheRowAndAgeBounds_oldestFirst() {
    LabelStore store = LabelStore.builder().maxRows(3).maxAge(Duration.ofHours(1)).build();
    store.seed(new TrainingData(List.of(Map.of("x", 0.0)), new double[] {0}, 0), T0);
    for (int i = 1; i <= 4; i++) {
      store.add(Map.of("x", (double) i), i, T0.plusSeconds(i));
    }

    assertThat(store.snapshot(T0.plusSeconds(10), 2).labels()).containsExactly(2, 3, 4);
    TrainingData later = store.snapshot(T0.plus(Duration.ofMinutes(60)).plusSeconds(3), 9);
    assertThat(later.labels()).containsExactly(3, 4);
    assertThat(later.sinceChampion()).isEqualTo(2);
  }

  @Test
  void seedsOnlyAnEmptyStore_andCountsHistoryApartFromTraffic() {
    LabelStore store = LabelStore.builder().build();
    TrainingData history = new TrainingData(List.of(Map.of("x", 1.0), Map.of("x", 2.0)), new double[] {1, 2}, 0);

    assertThat(store.seed(history, T0)).isTrue();
    store.add(Map.of("x", 3.0, "date", "2026-12-01"), 3, T0);
    assertThat(store.seed(history, T0)).isFalse();

    TrainingData d = store.snapshot(T0, 1);
    assertThat(d.labels()).containsExactly(1, 2, 3);
    assertThat(d.recentRows()).isEqualTo(1);
    assertThat(d.rows().get(2).get("date")).isEqualTo("2026-12-01");
  }

  @Test
  void persistedRows_surviveARestart_andATornLastLineIsSkipped() throws Exception {
    Path file = dir.resolve("labelled").resolve("m.jsonl");
    LabelStore first = LabelStore.builder().persistTo(file).build();
    first.seed(new TrainingData(List.of(Map.of("x", 1.0)), new double[] {10}, 0), T0);
    first.add(Map.of("x", 2.0, "colour", "red"), 20, T0.plusSeconds(1));
    first.close();
    Files.writeString(file, "{\"at\":\"2026-12-01T00:00:0", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    LabelStore restarted = LabelStore.builder().persistTo(file).build();

    TrainingData d = restarted.snapshot(T0.plusSeconds(2), 0);
    assertThat(d.labels()).containsExactly(10, 20);
    assertThat(d.recentRows()).isEqualTo(1);
    assertThat(d.rows().get(1).get("x")).isEqualTo(2.0);
    assertThat(d.rows().get(1).get("colour")).isEqualTo("red");
    restarted.close();
  }

  @Test
  void refusesBadBoundsAndLabels_namingThem() {
    assertThatThrownBy(() -> LabelStore.builder().maxRows(0)).hasMessage("label store max rows must be at least 1: 0");
    assertThatThrownBy(() -> LabelStore.builder().maxAge(Duration.ZERO)).hasMessage("label store max age must be positive: PT0S");
    assertThatThrownBy(() -> LabelStore.builder().build().add(Map.of(), Double.NaN, T0)).hasMessage("label must be finite: NaN");
  }
}
