package io.lossgrid.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code DIR/sweep.json}: the resolved spec the directory was started with, the data fingerprints,
 * versions, and one entry per run (fresh start, resume, rerun) with its batches and timings. Replaced
 * atomically after every committed batch, so it always describes committed results.
 */
public final class Manifest {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> root;

    private Manifest(Map<String, Object> root) {
        this.root = root;
    }

    /** A manifest for a directory being started. */
    public static Manifest start(Map<String, Object> spec, List<Map<String, Object>> data, long trials,
                                 Map<String, String> versions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("name", spec.get("name"));
        m.put("state", "RUNNING");
        m.put("stopReason", null);
        m.put("trials", trials);
        m.put("spec", spec);
        m.put("data", data);
        m.put("versions", versions);
        m.put("runs", new ArrayList<>());
        return new Manifest(m);
    }

    public static Manifest parse(String json) {
        try {
            return new Manifest(JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new SweepRefused("sweep.json could not be read as JSON (" + e.getOriginalMessage()
                    + "); it is not a lossgrid results directory, or it was damaged");
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest is plain maps, lists and scalars", e);
        }
    }

    /** The whole manifest as parsed JSON: maps, lists and scalars. */
    public Map<String, Object> raw() {
        return java.util.Collections.unmodifiableMap(root);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> spec() {
        return (Map<String, Object>) root.get("spec");
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> data() {
        return (List<Map<String, Object>>) root.get("data");
    }

    public String state() {
        return (String) root.get("state");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> runs() {
        return (List<Map<String, Object>>) root.get("runs");
    }

    /** Opens a run entry: how it was started and on what. */
    public void beginRun(String mode, String master, Map<String, String> versions, long pending, boolean packing) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", mode);
        run.put("master", master);
        run.put("packing", packing);
        run.put("startedAt", Instant.now().toString());
        run.put("finishedAt", null);
        run.put("wallMs", 0L);
        run.put("pendingTrials", pending);
        run.put("trainedTrials", 0L);
        run.put("versions", versions);
        run.put("batches", new ArrayList<>());
        runs().add(run);
        root.put("state", "RUNNING");
        root.put("stopReason", null);
        root.put("versions", versions);
    }

    /** Records a committed batch in the current run. */
    @SuppressWarnings("unchecked")
    public void recordBatch(int batch, int trials, long wallMs, long runWallMs, Map<String, Long> statusCounts,
                            Map<String, Long> phases) {
        Map<String, Object> run = runs().get(runs().size() - 1);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("batch", batch);
        b.put("trials", trials);
        b.put("wallMs", wallMs);
        b.put("statuses", statusCounts);
        b.put("phases", phases);
        ((List<Object>) run.get("batches")).add(b);
        run.put("trainedTrials", ((Number) run.get("trainedTrials")).longValue() + trials);
        run.put("wallMs", runWallMs);
    }

    /**
     * Closes the current run with the sweep's state ({@code COMPLETED} or {@code STOPPED}), totals, and the
     * time spent in each phase of the driver (opening the directory, reading what was committed, shipping
     * the data, training and writing epochs, writing trials, counting), in milliseconds.
     */
    public void endRun(String state, String stopReason, long runWallMs, Map<String, Long> totals,
                       Map<String, Long> phases) {
        Map<String, Object> run = runs().get(runs().size() - 1);
        run.put("finishedAt", Instant.now().toString());
        run.put("wallMs", runWallMs);
        run.put("phases", phases);
        root.put("state", state);
        root.put("stopReason", stopReason);
        root.put("statuses", totals);
    }

    /**
     * What differs between this manifest's spec and data and {@code spec} and {@code data}, as lines such
     * as {@code grid.learningRate: was [0.01], now [0.1]}; empty when they are the same.
     */
    public List<String> differences(Map<String, Object> spec, List<Map<String, Object>> data) {
        List<String> out = new ArrayList<>();
        Object was = JSON.convertValue(spec(), Object.class);
        Object now = JSON.convertValue(spec, Object.class);
        diff("", was, now, out);
        diff("data (contents)", JSON.convertValue(data(), Object.class), JSON.convertValue(data, Object.class), out);
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
            return String.valueOf(v);
        }
    }
}
