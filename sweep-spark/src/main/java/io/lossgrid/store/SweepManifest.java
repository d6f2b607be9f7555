package io.lossgrid.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.lossgrid.outcome.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code DIR/sweep.json}: the resolved spec the directory was started with, the data fingerprints,
 * versions, the directory's state, and one entry per run with its batches and timings. A store replaces
 * it atomically after every committed batch, so it always describes committed results. Immutable: each
 * change returns a new manifest.
 *
 * <p>The spec and data stay plain JSON trees (maps, lists and scalars, as {@code SweepSpec.toMap()} makes
 * them): a resume compares them key by key ({@link #differences}), whatever shape the spec takes.
 *
 * @param format   the directory's layout: {@value #FORMAT} is Hive-style {@code batch=N} folders
 * @param name     the sweep's name
 * @param state    where the directory stands
 * @param stopReason why the last run stopped early; null unless {@code state} is {@link RunState#STOPPED}
 * @param trials   trials in the grid
 * @param spec     the resolved spec
 * @param data     one fingerprint per data set
 * @param versions versions of the last run
 * @param runs     every run into the directory, in order
 * @param statuses committed trials by status after the last finished run; null until a run finishes
 * @param rounds   the finished rounds of a boundary search, in order, across runs; empty for a grid or a random
 *                 search (one round), and in a manifest written before rounds were recorded
 */
@JsonPropertyOrder({"format", "name", "state", "stopReason", "trials", "spec", "data", "versions", "runs", "statuses", "rounds"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SweepManifest(int format, String name, RunState state, String stopReason, long trials,
                            Map<String, Object> spec, List<Map<String, Object>> data, Map<String, String> versions,
                            List<RunRecord> runs, Map<Status, Long> statuses, List<RoundRecord> rounds) {
    /** The format this version writes: Hive-style {@code DIR/<table>/batch=N} folders. */
    public static final int FORMAT = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SweepManifest {
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException("sweep.json: format must be 1 to " + FORMAT + ", found " + format
                    + "; read the directory with the lossgrid version that wrote it");
        }
        if (state == null) {
            throw new IllegalArgumentException("sweep.json: state must be RUNNING, COMPLETED or STOPPED, found none;"
                    + " the file was damaged: restore it, or start another --out");
        }
        if (spec == null) {
            throw new IllegalArgumentException("sweep.json: spec must be the resolved spec, found none;"
                    + " the file was damaged: restore it, or start another --out");
        }
        if (trials < 0) {
            throw new IllegalArgumentException("sweep.json: trials must be >= 0, found " + trials);
        }
        spec = Collections.unmodifiableMap(new LinkedHashMap<>(spec));
        data = data == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(data));
        versions = ordered(versions);
        runs = runs == null ? List.of() : List.copyOf(runs);
        statuses = StatusCounts.copy(statuses);
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
        for (int i = 0; i < rounds.size(); i++) {
            if (rounds.get(i).round() != i) {
                throw new IllegalArgumentException("sweep.json: rounds[" + i + "].round must be " + i
                        + " (rounds are recorded in order, from 0), found " + rounds.get(i).round());
            }
        }
    }

    /** The manifest of a directory being started: no run yet. */
    public static SweepManifest start(Map<String, Object> spec, List<Map<String, Object>> data, long trials,
                                      Map<String, String> versions) {
        return new SweepManifest(FORMAT, String.valueOf(spec.get("name")), RunState.RUNNING, null, trials, spec, data,
                versions, List.of(), null, List.of());
    }

    /**
     * Reads {@code sweep.json}'s text.
     *
     * @throws SweepRefused when it is not JSON or breaks a rule of this record (one line: what, and what to do)
     */
    public static SweepManifest parse(String json) {
        try {
            return JSON.readValue(json, SweepManifest.class);
        } catch (ValueInstantiationException e) {
            throw new SweepRefused(e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new SweepRefused("sweep.json could not be read as JSON (" + e.getOriginalMessage().replace('\n', ' ')
                    + "); it is not a lossgrid results directory, or it was damaged");
        }
    }

    /** The JSON text, indented, fields in the record's order. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest is records, plain maps, lists and scalars", e);
        }
    }

    /** The run in progress or last run; absent before the first. */
    public java.util.Optional<RunRecord> lastRun() {
        return runs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(runs.get(runs.size() - 1));
    }

    /** Opens {@code run}: the directory is RUNNING again, with that run's versions. */
    public SweepManifest begin(RunRecord run) {
        List<RunRecord> more = new ArrayList<>(runs);
        more.add(run);
        return new SweepManifest(FORMAT, name, RunState.RUNNING, null, trials, spec, data, run.versions(), more,
                statuses, rounds);
    }

    /** Records a committed batch in the current run; {@code runWallMs} is the run's wall time at the commit. */
    public SweepManifest committed(BatchRecord batch, long runWallMs) {
        return withLastRun(current().plus(batch, runWallMs), state, stopReason, statuses);
    }

    /**
     * Closes the current run with the directory's new state ({@link RunState#COMPLETED} or
     * {@link RunState#STOPPED} with its reason), the committed totals, and the driver's phases in milliseconds.
     */
    public SweepManifest ended(RunState newState, String reason, long runWallMs, Map<Status, Long> totals,
                               Map<String, Long> phases) {
        if (newState == RunState.RUNNING || (newState == RunState.STOPPED) != (reason != null)) {
            throw new IllegalArgumentException("a run ends COMPLETED without a reason or STOPPED with one, found "
                    + newState + " with reason " + reason);
        }
        return withLastRun(current().ended(runWallMs, phases), newState, reason, totals);
    }

    /**
     * Records a finished round of a search. A round already recorded (a round resumed after a kill is recorded
     * when it ends) is replaced.
     *
     * @throws IllegalArgumentException when {@code round} would leave a gap (its number is past the next one)
     */
    public SweepManifest withRound(RoundRecord round) {
        List<RoundRecord> more = new ArrayList<>(rounds.subList(0, Math.min(round.round(), rounds.size())));
        more.add(round);
        return new SweepManifest(format, name, state, stopReason, trials, spec, data, versions, runs, statuses, more);
    }

    private RunRecord current() {
        return lastRun().orElseThrow(() -> new IllegalStateException("sweep.json has no run to record into; begin one"));
    }

    private SweepManifest withLastRun(RunRecord run, RunState newState, String reason, Map<Status, Long> totals) {
        List<RunRecord> more = new ArrayList<>(runs);
        more.set(more.size() - 1, run);
        return new SweepManifest(format, name, newState, reason, trials, spec, data, versions, more, totals, rounds);
    }

    /**
     * What differs between this manifest's spec and data and {@code spec} and {@code data}, as lines such
     * as {@code grid.learningRate: was [0.01], now [0.1]}; empty when they are the same. Numbers compare by
     * value ({@code 1} equals {@code 1.0}).
     */
    public List<String> differences(Map<String, Object> spec, List<Map<String, Object>> data) {
        List<String> out = new ArrayList<>();
        diff("", JSON.convertValue(this.spec, Object.class), JSON.convertValue(spec, Object.class), out);
        diff("data (contents)", JSON.convertValue(this.data, Object.class), JSON.convertValue(data, Object.class), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void diff(String path, Object was, Object now, List<String> out) {
        if (was instanceof Map && now instanceof Map) {
            Map<String, Object> a = (Map<String, Object>) was;
            Map<String, Object> b = (Map<String, Object>) now;
            List<String> keys = new ArrayList<>(a.keySet());
            b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
        } else if (!numericEquals(was, now)) {
            out.add(path + ": was " + render(was) + ", now " + render(now));
        }
    }

    private static boolean numericEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!numericEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map && b instanceof Map) {
            List<String> sub = new ArrayList<>();
            diff("", a, b, sub);
            return sub.isEmpty();
        }
        return Objects.equals(a, b);
    }

    private static String render(Object v) {
        try {
            return v == null ? "absent" : JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec is plain maps, lists and scalars", e);
        }
    }

    /** An unmodifiable copy keeping {@code m}'s order; null stays null. */
    static <V> Map<String, V> ordered(Map<String, V> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
