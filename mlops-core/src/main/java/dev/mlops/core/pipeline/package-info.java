/** The pipeline: {@link dev.mlops.core.pipeline.Pipeline} definition and runs, the promotion {@link dev.mlops.core.pipeline.Gate}, provenance and progress events. */
package dev.mlops.core.pipeline;
