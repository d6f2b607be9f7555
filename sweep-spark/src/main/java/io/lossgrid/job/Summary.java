package io.lossgrid.job;

import java.util.Map;

/**
 * What a run did.
 *
 * @param state        COMPLETED, or STOPPED when the failed share passed the spec's limit
 * @param stopReason   why it stopped; null when completed
 * @param totalTrials  trials in the grid
 * @param trained      trials trained by this run
 * @param skipped      trials already committed before this run, not trained again
 * @param statuses     committed trials by status, over the whole directory
 * @param wallMs       this run's wall time
 * @param out          the results directory
 */
public record Summary(String state, String stopReason, long totalTrials, long trained, long skipped,
                      Map<String, Long> statuses, long wallMs, String out) {
}
