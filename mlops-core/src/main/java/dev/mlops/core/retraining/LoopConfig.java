package dev.mlops.core.retraining;

import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.ModelEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** A built loop's configuration (validated by {@link LoopBuilder}). */
record LoopConfig<M>(
    String modelName,
    ModelRegistry registry,
    ModelAdapter<M> adapter,
    Retrainer<M> retrainer,
    Monitoring.Factory<M> monitoringFactory,
    RetrainPolicy policy,
    PerformanceMeasure measure,
    ScheduledExecutorService scheduler,
    Duration scheduleCheck,
    LabelStore labelStore,
    TrainingData history,
    int minTrainingRows,
    int probationLabels,
    double probationAlpha,
    int maxPending,
    Duration labelTimeout,
    Clock clock,
    Executor executor,
    List<LoopListener> listeners,
    Consumer<ModelEndpoint.Builder> endpointOptions) {}
