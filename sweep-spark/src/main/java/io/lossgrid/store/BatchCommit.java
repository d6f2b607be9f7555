package io.lossgrid.store;

import io.lossgrid.outcome.Status;
import java.util.Map;

/**
 * What {@link ResultStore#commit} committed.
 *
 * @param counts     the batch's trials by status, in the enum's order
 * @param firstError the error of a FAILED trial of the batch; null when none failed
 * @param phases     wall time of each phase of the commit, ms, in the order they ran
 */
public record BatchCommit(Map<Status, Long> counts, String firstError, Map<String, Long> phases) {
    public BatchCommit {
        counts = StatusCounts.copy(counts);
        phases = SweepManifest.ordered(phases);
        if (counts == null || phases == null) {
            throw new IllegalArgumentException("a batch commit has status counts and phases, found " + counts
                    + " and " + phases);
        }
    }

    /** Trials committed. */
    public long trials() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Trials of the batch with {@code status}. */
    public long count(Status status) {
        return counts.getOrDefault(status, 0L);
    }
}
