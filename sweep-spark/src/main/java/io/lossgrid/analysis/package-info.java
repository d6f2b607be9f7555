/**
 * What the results say, as Spark SQL over the {@code trials} and {@code epochs} views: stability map,
 * critical learning rate, equivalence classes and invariance verdicts, α sensitivity, seed spread and
 * convergence ({@link io.lossgrid.analysis.Analysis}). The tables are declared once, with their names,
 * verbs, meaning and queries, in {@link io.lossgrid.analysis.AnalysisTable}; what {@code analyze} stored is
 * read back while it is current. Reads tables only; never trains.
 */
package io.lossgrid.analysis;
