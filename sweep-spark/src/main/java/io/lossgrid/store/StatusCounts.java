package io.lossgrid.store;

import io.lossgrid.outcome.Status;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Trial counts by status: unmodifiable, in {@link Status}'s order, statuses with no trial absent. */
final class StatusCounts {
    private StatusCounts() {
    }

    /** An unmodifiable copy of {@code counts} in the enum's order; null stays null (a run not finished yet). */
    static Map<Status, Long> copy(Map<Status, Long> counts) {
        if (counts == null) {
            return null;
        }
        EnumMap<Status, Long> m = new EnumMap<>(Status.class);
        m.putAll(counts);
        return Collections.unmodifiableMap(m);
    }

    /** {@code a} plus {@code b}, status by status. */
    static Map<Status, Long> plus(Map<Status, Long> a, Map<Status, Long> b) {
        EnumMap<Status, Long> m = new EnumMap<>(Status.class);
        m.putAll(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return Collections.unmodifiableMap(m);
    }
}
