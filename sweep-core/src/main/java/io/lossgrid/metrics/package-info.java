/**
 * The arithmetic of validation metrics: accuracy, balanced accuracy, ROC AUC and average precision of a
 * classifier's predictions ({@link io.lossgrid.metrics.Classification}), and the per-epoch metrics a trial
 * records beside its loss curve ({@link io.lossgrid.metrics.EpochMetrics}). Pure functions of arrays already in
 * memory: no DL4J, no Spark, no other lossgrid package.
 */
package io.lossgrid.metrics;
