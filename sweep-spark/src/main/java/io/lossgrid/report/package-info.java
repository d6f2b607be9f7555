/**
 * One self-contained HTML report of a results directory: stability maps with the critical boundary and a
 * key to their colours (hand-written SVG), loss-curve overlays of equivalence classes over all seeds
 * (static SVG, made interactive by uPlot, which is inlined from its WebJar so the file needs no network),
 * a boundary search's brackets as critical α·lr against α (log–log SVG), and the analysis tables; {@link io.lossgrid.report.ReportFile} writes the file where its reader opens it.
 * Reads the analysis tables only.
 */
package io.lossgrid.report;
