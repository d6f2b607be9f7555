/**
 * The losses a trial can minimise, each with the output activation it pairs with and the DL4J
 * {@code ILossFunction} that computes it. Imports only {@link io.lossgrid.base}.
 */
package io.lossgrid.loss;
