/**
 * What the results say, as Spark SQL over the {@code trials} and {@code epochs} views: stability map,
 * critical learning rate, equivalence classes and invariance verdicts, α sensitivity, seed spread and
 * convergence ({@link io.lossgrid.analysis.Analysis}). Reads tables only; never trains.
 */
package io.lossgrid.analysis;
