package io.lossgrid.spec;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Guards of a sweep.
 *
 * @param maxTrials      the most trials a grid may expand to (default {@value #DEFAULT_MAX_TRIALS})
 * @param maxFailedShare the sweep stops early once more than this share of finished trials are FAILED
 *                       (thrown, not diverged), judged after at least {@value #MIN_FINISHED_FOR_STOP}
 *                       trials finished (default {@value #DEFAULT_MAX_FAILED_SHARE})
 */
public record Limits(int maxTrials, double maxFailedShare) implements Serializable {
    public static final int DEFAULT_MAX_TRIALS = 1_000_000;
    public static final double DEFAULT_MAX_FAILED_SHARE = 0.5;
    public static final int MIN_FINISHED_FOR_STOP = 10;

    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_TRIALS, DEFAULT_MAX_FAILED_SHARE);

    public Limits {
        if (maxTrials < 1) {
            throw SpecException.of("maxTrials", "must be >= 1", maxTrials);
        }
        if (!(maxFailedShare > 0 && maxFailedShare <= 1)) {
            throw SpecException.of("maxFailedShare", "must be in (0, 1]", maxFailedShare);
        }
    }

    /** True once {@code failed} of {@code finished} trials is a share this sweep should stop at. */
    public boolean poisoned(long failed, long finished) {
        return finished >= MIN_FINISHED_FOR_STOP && failed > maxFailedShare * finished;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxTrials", maxTrials);
        m.put("maxFailedShare", maxFailedShare);
        return m;
    }

    static Limits parse(Node node) {
        if (node == null) {
            return DEFAULT;
        }
        Map<String, Node> f = node.map(Set.of("maxTrials", "maxFailedShare"));
        int max = f.containsKey("maxTrials") ? f.get("maxTrials").intValue() : DEFAULT_MAX_TRIALS;
        double share = f.containsKey("maxFailedShare") ? f.get("maxFailedShare").number() : DEFAULT_MAX_FAILED_SHARE;
        return node.build(() -> new Limits(max, share));
    }
}
