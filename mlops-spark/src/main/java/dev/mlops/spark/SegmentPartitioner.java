package dev.mlops.spark;

import java.util.Objects;
import org.apache.spark.Partitioner;

/** Row index to partition: whole chunks, consecutive segments of them per partition. */
final class SegmentPartitioner extends Partitioner {

  private static final long serialVersionUID = 1L;
  private final int parts;
  private final long size;
  private final long segments;

  SegmentPartitioner(int parts, long size, long segments) {
    this.parts = parts;
    this.size = size;
    this.segments = segments;
  }

  @Override
  public int numPartitions() {
    return parts;
  }

  @Override
  public int getPartition(Object key) {
    long segment = (Long) key / size;
    return (int) (segment * parts / segments);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentPartitioner p && p.parts == parts && p.size == size
        && p.segments == segments;
  }

  @Override
  public int hashCode() {
    return Objects.hash(parts, size, segments);
  }
}
