/**
 * Trains one trial with DL4J: the network a trial describes with its loss scaled by α
 * ({@link io.lossgrid.train.ScaledLoss}), the per-epoch loss curve, and the result that divergence or an
 * exception turns into instead of an error. {@link io.lossgrid.train.EpochFit} lets another trainer (the
 * distributed one in sweep-spark) advance a trial's network an epoch at a time while this package records and
 * judges its curve; {@link io.lossgrid.train.Models} says which network of a trial is saved, and where
 * ({@link io.lossgrid.train.ModelSink}).
 */
package io.lossgrid.train;
