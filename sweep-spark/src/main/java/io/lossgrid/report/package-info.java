/**
 * One self-contained HTML report of a results directory, drawn as hand-written SVG: stability maps with
 * the critical boundary, loss-curve overlays of equivalence classes, and the analysis tables. Reads the
 * analysis tables only.
 */
package io.lossgrid.report;
