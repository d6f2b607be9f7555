/**
 * The losses a trial can minimise. {@link io.lossgrid.loss.Loss} is the spec's value of the loss axis
 * (parsing, validation, the {@code loss} column's name, the output activation and labels it pairs with);
 * {@link io.lossgrid.loss.LogitLoss} and its subclasses are the DL4J {@code ILossFunction}s that compute
 * them, each equal to its PyTorch counterpart with {@code reduction='mean'}; {@link io.lossgrid.loss.Elementwise}
 * holds the per-element forms a packed runner can reuse ({@link io.lossgrid.loss.Loss#elementwise}).
 * Imports only {@link io.lossgrid.base}.
 */
package io.lossgrid.loss;
