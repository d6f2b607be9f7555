package io.lossgrid.job;

import io.lossgrid.outcome.Status;
import io.lossgrid.store.RunState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a run did.
 *
 * @param state        COMPLETED, or STOPPED when the failed share passed the spec's limit
 * @param stopReason   why it stopped; null when completed
 * @param totalTrials  trials in the grid
 * @param trained      trials trained by this run
 * @param skipped      trials already committed before this run, not trained again
 * @param statuses     committed trials by status over the whole directory: every status, in the enum's order
 * @param wallMs       this run's wall time
 * @param out          the results directory
 */
public record Summary(RunState state, String stopReason, long totalTrials, long trained, long skipped,
                      Map<Status, Long> statuses, long wallMs, String out) {
    public Summary {
        if (state == RunState.RUNNING || (state == RunState.STOPPED) != (stopReason != null)) {
            throw new IllegalArgumentException("a finished run is COMPLETED without a reason or STOPPED with one, found "
                    + state + " with reason " + stopReason);
        }
        EnumMap<Status, Long> all = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            all.put(s, statuses.getOrDefault(s, 0L));
        }
        statuses = Collections.unmodifiableMap(all);
    }
}
