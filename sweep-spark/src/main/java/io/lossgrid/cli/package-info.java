/**
 * The {@code sweep} command line (picocli): {@code run}, {@code sql}, {@code analyze}, {@code report},
 * one verb per analysis table, and {@code schema}. Exit status 0 on success, 2 for a spec error or a
 * refused request (one line, nothing written), 3 for a sweep stopped early, 1 otherwise.
 */
package io.lossgrid.cli;
