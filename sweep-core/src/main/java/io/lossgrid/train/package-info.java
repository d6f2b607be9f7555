/**
 * Trains one trial with DL4J: the network a trial describes with its loss scaled by α
 * ({@link io.lossgrid.train.ScaledLoss}), the per-epoch loss curve, and the result that divergence or an
 * exception turns into instead of an error.
 */
package io.lossgrid.train;
