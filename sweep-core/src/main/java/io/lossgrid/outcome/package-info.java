/**
 * Turns a loss curve into a status (converged, not converged, oscillating, diverged, failed) and metrics,
 * by pure rules that a spec's {@code convergence} section sets.
 */
package io.lossgrid.outcome;
