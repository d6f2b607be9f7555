package io.lossgrid.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcomes of the trials a search has finished, keyed by trial id, as read back from the trials table. The
 * order rows arrive in does not matter: everything a strategy derives from a state depends on its set of rows.
 * Immutable.
 */
public final class SearchState {
    private static final SearchState EMPTY = new SearchState(new TreeMap<>());

    private final Map<String, Finished> byId;
    private final int lastRound;

    private SearchState(TreeMap<String, Finished> byId) {
        this.byId = Collections.unmodifiableMap(byId);
        this.lastRound = byId.values().stream().mapToInt(Finished::round).max().orElse(-1);
    }

    /** No trial finished yet. */
    public static SearchState empty() {
        return EMPTY;
    }

    /**
     * The state of these rows.
     *
     * @throws IllegalArgumentException when a trial id appears twice
     */
    public static SearchState of(Collection<Finished> rows) {
        return EMPTY.with(rows);
    }

    /**
     * This state and {@code rows} more.
     *
     * @throws IllegalArgumentException when a trial id appears twice
     */
    public SearchState with(Collection<Finished> rows) {
        TreeMap<String, Finished> m = new TreeMap<>(byId);
        for (Finished f : rows) {
            if (m.putIfAbsent(f.trialId(), f) != null) {
                throw new IllegalArgumentException("trial " + f.trialId() + " finished twice (rounds "
                        + m.get(f.trialId()).round() + " and " + f.round() + "); a search state holds each trial once");
            }
        }
        return new SearchState(m);
    }

    /** The rows of rounds before {@code round}. */
    public SearchState before(int round) {
        TreeMap<String, Finished> m = new TreeMap<>();
        byId.forEach((id, f) -> {
            if (f.round() < round) {
                m.put(id, f);
            }
        });
        return new SearchState(m);
    }

    /** True when the trial with this id has finished. */
    public boolean finished(String trialId) {
        return byId.containsKey(trialId);
    }

    /** The row of a finished trial, or null. */
    public Finished get(String trialId) {
        return byId.get(trialId);
    }

    /** The rows, by trial id. */
    public List<Finished> rows() {
        return new ArrayList<>(byId.values());
    }

    /** How many trials have finished. */
    public int size() {
        return byId.size();
    }

    /** The highest round any finished trial belongs to, or -1 when none has finished. */
    public int lastRound() {
        return lastRound;
    }
}
