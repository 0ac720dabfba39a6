package dev.mlops.core.retraining;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.GateDecision;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.core.pipeline.RunRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Retrains through a {@link Pipeline}: the loop's training data becomes a {@link Table} with the
 * champion's input columns and its target column (for a classifier, class indices are mapped back
 * to the champion's class labels), optionally followed by the original training table; the
 * pipeline runs on it with the champion passed to its gate, and the gate's decision and reasons
 * become the outcome. The candidate's parts are {@link RunRecord#registryParts(PipelineRun)} (the
 * model's parts plus the held-out ModelTest report and the run record), its metadata {@link
 * RunRecord#metadata(PipelineRun)} (the model's metadata, the definition fingerprint, the gate
 * decision and the run's metrics as {@code metric.<key>}).
 *
 * <p>Immutable and thread-safe if the pipeline is.
 */
public final class PipelineRetrainer implements Retrainer<TrainedModel> {

  private final Pipeline pipeline;
  private final Table original;

  private PipelineRetrainer(Pipeline pipeline, Table original) {
    this.pipeline = pipeline;
    this.original = original;
  }

  /**
   * Retrains with a pipeline on the loop's recent labelled data.
   *
   * @param pipeline the pipeline (its source is replaced by the assembled data for each retrain)
   * @return the retrainer
   * @throws NullPointerException if the pipeline is null
   */
  public static PipelineRetrainer of(Pipeline pipeline) {
    return new PipelineRetrainer(Objects.requireNonNull(pipeline, "pipeline must not be null"), null);
  }

  /**
   * Appends the original training table (same columns as the assembled data: the champion's
   * inputs, then its target) after the recent data of every retrain.
   *
   * @param originalData the original labelled table
   * @return a new retrainer
   * @throws NullPointerException if the table is null
   */
  public PipelineRetrainer withOriginalData(Table originalData) {
    return new PipelineRetrainer(pipeline, Objects.requireNonNull(originalData, "original data must not be null"));
  }

  @Override
  public RetrainOutcome retrain(TrainingData data, TrainedModel champion) {
    Table table = assemble(data, champion);
    PipelineRun run = pipeline.run(RunOptions.champion(champion).withSource(Source.of(table)));
    GateDecision gate = run.gate();
    Map<String, String> metadata = RunRecord.metadata(run);
    List<String> reasons = gate.reasons().isEmpty() ? List.of(gate.decision().name()) : gate.reasons();
    return gate.promote()
        ? RetrainOutcome.promote(RunRecord.registryParts(run), metadata, reasons)
        : RetrainOutcome.reject(metadata, reasons);
  }

  /** The recent rows as a table, followed by the original table if configured. */
  Table assemble(TrainingData data, TrainedModel champion) {
    Table table = toTable(data, champion);
    return original == null ? table : table.append(project(original, table.columns()));
  }

  /**
   * Builds the table the pipeline reads: the champion's input columns (with their types) and the
   * target column.
   *
   * @param data the labelled rows
   * @param champion the model whose schema the rows follow
   * @return the table
   * @throws IllegalArgumentException if a value does not fit its column's type, naming row and column
   */
  static Table toTable(TrainingData data, TrainedModel champion) {
    int n = data.size();
    Table.Builder b = Table.builder();
    for (Column c : champion.inputs()) {
      if (c.type() == ColumnType.CATEGORICAL) {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          Object o = data.rows().get(i).get(c.name());
          v[i] = o == null ? null : o instanceof Number num ? Column.category(num.doubleValue()) : o.toString();
        }
        b.categorical(c.name(), v);
      } else {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          Object o = data.rows().get(i).get(c.name());
          if (o != null && !(o instanceof Number)) {
            throw new IllegalArgumentException("value of numeric column '" + c.name() + "' must be a Number: row "
                + i + ", '" + o + "'");
          }
          v[i] = o == null ? Double.NaN : ((Number) o).doubleValue();
        }
        if (c.type() == ColumnType.TIMESTAMP) {
          b.timestamp(c.name(), v);
        } else {
          b.numeric(c.name(), v);
        }
      }
    }
    double[] labels = data.labels();
    if (champion instanceof TrainedClassifier classifier) {
      List<String> classes = classifier.classes();
      String[] y = new String[n];
      for (int i = 0; i < n; i++) {
        int k = (int) labels[i];
        if (k != labels[i] || k < 0 || k >= classes.size()) {
          throw new IllegalArgumentException("label must be a class index in [0, " + classes.size() + "): row " + i
              + ", " + labels[i]);
        }
        y[i] = classes.get(k);
      }
      b.categorical(champion.target(), y);
    } else {
      b.numeric(champion.target(), labels);
    }
    return b.build();
  }

  /** The original table's columns in the assembled table's order (types must agree). */
  private static Table project(Table original, List<Column> columns) {
    Table.Builder b = Table.builder();
    for (Column c : columns) {
      if (!original.has(c.name())) {
        throw new IllegalArgumentException("original data must have the column '" + c.name() + "': " + original.names());
      }
      Column o = original.column(c.name());
      if (o.type() != c.type()) {
        throw new IllegalArgumentException("original data column '" + c.name() + "' must be " + c.type() + ": " + o.type());
      }
      switch (c.type()) {
        case CATEGORICAL -> b.categorical(c.name(), original.categoricalColumn(c.name()));
        case TIMESTAMP -> b.timestamp(c.name(), original.numericColumn(c.name()));
        default -> b.numeric(c.name(), original.numericColumn(c.name()));
      }
    }
    return b.build();
  }
}
