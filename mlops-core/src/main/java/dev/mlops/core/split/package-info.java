/** Seeded train/test splits (random, stratified, time-ordered, group-aware) and k-fold cross-validation folds. */
package dev.mlops.core.split;
