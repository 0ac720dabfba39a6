package dev.mlops.bench.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The endpoint benchmarks' served model, read through {@code ServedSmileModel}. */
final class ServedForestTest {

  @Test
  void servedForest_isTheModelsOwnForest_onItsBoundSchema() {
    // construction itself checks every bare and served call against the model (it throws otherwise)
    ServedForest f = new ServedForest(2);

    assertThat(f.servedSchema.length()).isEqualTo(ServedForest.FEATURES);
    assertThat(f.servedForest.trees()).hasSize(2);
    for (int i = 0; i < 16; i++) {
      assertThat(f.servedForest.predict(f.servedTuples[i])).isEqualTo(f.model.predict(f.maps.get(i)));
    }
  }
}
