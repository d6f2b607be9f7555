package io.lossgrid.store;

import io.lossgrid.outcome.Status;
import java.util.Map;
import java.util.Set;

/**
 * The trials a store holds committed.
 *
 * @param ids    their ids
 * @param counts how many have each status, in the enum's order (statuses with none absent)
 */
public record CommittedTrials(Set<String> ids, Map<Status, Long> counts) {
    public CommittedTrials {
        ids = Set.copyOf(ids);
        counts = StatusCounts.copy(counts);
        long counted = counts.values().stream().mapToLong(Long::longValue).sum();
        if (counted != ids.size()) {
            throw new IllegalArgumentException("committed trials: status counts must add up to the " + ids.size()
                    + " distinct ids, found " + counted + " (a trial committed twice?)");
        }
    }
}
