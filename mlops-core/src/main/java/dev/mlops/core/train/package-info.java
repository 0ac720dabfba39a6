/** The training SPI ({@link dev.mlops.core.train.Trainer}, {@link dev.mlops.core.train.FittedModel}, {@link dev.mlops.core.train.ModelCodec}), typed adapters over Smile 3.1.1 ({@link dev.mlops.core.train.Trainers}) and hyperparameter search with cross-validation. */
package dev.mlops.core.train;
