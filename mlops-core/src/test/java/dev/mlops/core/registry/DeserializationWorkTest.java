package dev.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java deserialisation bounded in work and memory, not only in classes: the payloads of issue 17
 * (nested maps whose hashing grows exponentially, a 27-byte stream declaring a 400 MB array) fail
 * at once with the typed error.
 */
final class DeserializationWorkTest {

  /** A placeholder key the writer below replaces by one shared map. */
  private static final class Marker implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The SerialDOS shape with maps: two maps per level, each holding both maps of the next level as
   * keys; filled after insertion so that building it is cheap, while hashing it on reading costs
   * 2^depth.
   */
  static Map<Object, Object> nestedMaps(int depth) {
    Map<Object, Object> root = new HashMap<>();
    Map<Object, Object> s1 = root;
    Map<Object, Object> s2 = new HashMap<>();
    for (int i = 0; i < depth; i++) {
      Map<Object, Object> t1 = new HashMap<>();
      Map<Object, Object> t2 = new HashMap<>();
      s1.put(t1, 1);
      s1.put(t2, 1);
      s2.put(t1, 1);
      s2.put(t2, 1);
      t1.put("foo", 1);
      s1 = t1;
      s2 = t2;
    }
    return root;
  }

  @Test
  void nestedHashMaps_areRefusedAtTheFirstNesting_notHashedForMinutes() {
    byte[] bytes = SafeDeserializationTest.serialise(nestedMaps(100));
    assertThat(bytes.length).isLessThan(10_000);
    assertThatThrownBy(() -> SafeDeserialization.read(bytes, Object.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("must not be read inside another HashMap");
  }

  @Test
  void tinyStreamDeclaringAHugeDoubleArray_isRefusedBeforeAllocating() {
    byte[] bytes = SafeDeserializationTest.serialise(new double[0]);
    assertThat(bytes).hasSizeLessThanOrEqualTo(35);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, 49_999_999);
    assertThatThrownBy(() -> SafeDeserialization.read(bytes, double[].class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("array double[49999999] needs at least 399999992 bytes");
  }

  @Test
  void hugeDeclaredMapCapacity_isRefusedBeforeAllocatingTheTable() {
    HashMap<Integer, Integer> one = new HashMap<>();
    one.put(1, 1);
    byte[] bytes = SafeDeserializationTest.serialise(one);
    // HashMap's serial form: a data block (TC_BLOCKDATA, length 8) of capacity and size, then the
    // entries: patch the size
    int block = indexOfBlock(bytes);
    ByteBuffer.wrap(bytes).putInt(block + 2 + 4, 1 << 23); // a 16M-entry table (64 MB)
    assertThatThrownBy(() -> SafeDeserialization.read(bytes, HashMap.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("needs more than");
  }

  @Test
  void oneMapBackReferencedAsAKeyManyTimes_isRefusedBeforeHashingItThatOften() throws IOException {
    Map<Integer, Integer> shared = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      shared.put(i, i);
    }
    Map<Object, Object> outer = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      outer.put(new Marker(), 1);
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buffer) {
      {
        enableReplaceObject(true);
      }

      @Override
      protected Object replaceObject(Object obj) {
        return obj instanceof Marker ? shared : obj;
      }
    }) {
      // the shared map first (read outside any map), then a map whose every key refers back to it
      out.writeObject(new Object[] {shared, outer});
    }
    byte[] bytes = buffer.toByteArray();
    assertThatThrownBy(() -> SafeDeserialization.read(bytes, Object[].class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("hash maps must not hash more than 50000000 entries");
  }

  @Test
  void flatMapsOfNamesAndLevels_asSmileUsesThem_stillRead() {
    Map<String, Integer> index = new HashMap<>();
    Map<Number, Integer> levels = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      index.put("column" + i, i);
      levels.put((double) i, i);
    }
    Object[] read = SafeDeserialization.read(
        SafeDeserializationTest.serialise(new Object[] {index, levels, index}), Object[].class);
    assertThat(read[0]).isEqualTo(index).isSameAs(read[2]);
    assertThat(read[1]).isEqualTo(levels);
  }

  private static int indexOfBlock(byte[] bytes) {
    for (int i = 0; i + 10 <= bytes.length; i++) {
      if (bytes[i] == 0x77 && bytes[i + 1] == 8 && ByteBuffer.wrap(bytes).getInt(i + 6) == 1) {
        return i;
      }
    }
    throw new AssertionError("HashMap data block not found");
  }
}
