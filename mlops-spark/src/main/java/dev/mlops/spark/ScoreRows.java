package dev.mlops.spark;

import dev.mlops.drift.profile.ChunkSegment;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.SampleSegment;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The rows of a distributed profile that carry a classifier's score and label: which columns play
 * those parts, and the pieces of the profile's {@link EstimateSample} built on the executors
 * ({@link SampleSegment}, keyed by each row's global index). Stateless.
 */
final class ScoreRows {

  private ScoreRows() {}

  /** The part a reserved name plays, in words for messages. */
  static String part(String reserved) {
    return switch (reserved) {
      case ReferenceProfile.PREDICTION -> "prediction";
      case ReferenceProfile.LABEL -> "label";
      case ReferenceProfile.CONFIDENCE -> "confidence";
      default -> reserved;
    };
  }

  /** The dataset column that plays a part, or {@code null}. */
  static String columnOf(Map<String, String> roles, String part) {
    for (Map.Entry<String, String> e : roles.entrySet()) {
      if (e.getValue().equals(part)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Whether the plan has a prediction and a label: its rows then make an estimate sample. */
  static boolean sampled(PartitionProfiler.Column[] plan) {
    boolean prediction = false;
    boolean label = false;
    for (PartitionProfiler.Column c : plan) {
      prediction |= ReferenceProfile.PREDICTION.equals(c.name());
      label |= ReferenceProfile.LABEL.equals(c.name());
    }
    return prediction && label;
  }

  /**
   * One partition of {@code zipWithIndex} rows given to {@code partial} with the global index of
   * its first row ({@code -1} for an empty partition, which still makes its partial profile).
   */
  static Iterator<byte[]> numbered(Iterator<Tuple2<Row, Long>> rows,
      BiFunction<Long, Iterator<Row>, byte[]> partial) {
    if (!rows.hasNext()) {
      return List.of(partial.apply(-1L, Collections.emptyIterator())).iterator();
    }
    Tuple2<Row, Long> first = rows.next();
    Iterator<Row> all = new Iterator<>() {
      private boolean head = true;

      @Override
      public boolean hasNext() {
        return head || rows.hasNext();
      }

      @Override
      public Row next() {
        if (head) {
          head = false;
          return first._1();
        }
        return rows.next()._1();
      }
    };
    return List.of(partial.apply(first._2(), all)).iterator();
  }

  /**
   * Gives one ordered row to the segment's sample (when sampled) and to its chunks (without the
   * confidence, which is not profiled, as {@link ReferenceProfile.Builder#add} leaves it out).
   */
  static void add(ChunkSegment chunks, SampleSegment sample, Map<String, Object> row) {
    if (sample != null) {
      sample.add(row);
    }
    row.remove(ReferenceProfile.CONFIDENCE);
    chunks.add(row);
  }

  /**
   * Two segments' samples merged; when their kinds differ (a confidence in some rows only) the
   * earlier segment's kind is kept, as one builder keeps the kind of the first row it samples.
   */
  static EstimateSample merge(EstimateSample earlier, EstimateSample later) {
    if (earlier == null || later == null) {
      return earlier == null ? later : earlier;
    }
    return earlier.topLabel() == later.topLabel() ? earlier.merge(later) : earlier;
  }
}
