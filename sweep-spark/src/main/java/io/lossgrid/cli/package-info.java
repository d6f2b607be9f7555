/**
 * The {@code sweep} command line (picocli): {@code run}, {@code sql} (read-only statements, a file of them,
 * or an interactive shell), {@code analyze}, {@code report}, one verb per analysis table (generated from
 * {@link io.lossgrid.analysis.AnalysisTable}), {@code schema} and {@code help}; every verb takes
 * {@code --help} and {@code --version}; and the warm query server ({@link io.lossgrid.cli.QueryServer}) that answers
 * {@code sql} and table-verb calls for the query client with the same code. Exit status 0 on success, 2 for a spec error, a refused request or any
 * other input the user can fix (one line, nothing written), 3 for a sweep stopped early, 1 otherwise.
 */
package io.lossgrid.cli;
