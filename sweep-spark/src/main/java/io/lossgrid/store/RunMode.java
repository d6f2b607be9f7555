package io.lossgrid.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What a run does with a results directory that may already hold results: the command line's
 * {@code --resume}, {@code --overwrite} and {@code --rerun-failed}, or none. Each mode opens the directory
 * its own way ({@link #open}) and refuses, with one line saying why and what to do, what it cannot do;
 * a refused run has touched nothing.
 */
public enum RunMode {
    /** Refuse a directory that holds anything. */
    FRESH(null) {
        @Override
        public SweepManifest open(ResultStore<?> store, SweepManifest started, PrintStream log) {
            if (store.occupied()) {
                throw new SweepRefused(store.uri() + " already holds results; pass --resume to finish that sweep, "
                        + "--rerun-failed to retrain its FAILED trials, --overwrite to replace it, or choose another --out");
            }
            return started;
        }
    },
    /** Finish an interrupted sweep: train only trials not yet committed; the spec must match. */
    RESUME("--resume") {
        @Override
        public SweepManifest open(ResultStore<?> store, SweepManifest started, PrintStream log) {
            return continuing(store, started, log);
        }
    },
    /** Delete what the directory holds and start again. */
    OVERWRITE("--overwrite") {
        @Override
        public SweepManifest open(ResultStore<?> store, SweepManifest started, PrintStream log) {
            store.deleteAll();
            return started;
        }
    },
    /** Train again the FAILED trials of a finished or interrupted sweep, and any not yet committed. */
    RERUN_FAILED("--rerun-failed") {
        @Override
        public SweepManifest open(ResultStore<?> store, SweepManifest started, PrintStream log) {
            SweepManifest manifest = continuing(store, started, log);
            int dropped = store.dropFailed();
            log.printf("[lossgrid] %d FAILED trials will be trained again%n", dropped);
            return manifest;
        }
    };

    private final String flag;

    RunMode(String flag) {
        this.flag = flag;
    }

    /**
     * Opens {@code store} for a run in this mode and returns the manifest the run continues from.
     *
     * @param started the manifest a new directory would get (resolved spec, data fingerprints, trial count)
     * @throws SweepRefused when the directory does not allow the run as asked (nothing is changed then)
     */
    public abstract SweepManifest open(ResultStore<?> store, SweepManifest started, PrintStream log);

    /** True for the modes that keep committed trials and train only the rest. */
    public boolean continues() {
        return this == RESUME || this == RERUN_FAILED;
    }

    /** How {@code sweep.json} names the mode: {@code fresh}, {@code resume}, {@code overwrite}, {@code rerun_failed}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode {@code sweep.json} names {@code label}. */
    @JsonCreator
    public static RunMode ofLabel(String label) {
        for (RunMode m : values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("sweep.json: runs[].mode must be one of fresh, resume, overwrite, "
                + "rerun_failed, found " + label);
    }

    /**
     * Resume and rerun-failed: the directory must hold a sweep started with the same spec and data; the
     * batches a crash left uncommitted are deleted.
     */
    SweepManifest continuing(ResultStore<?> store, SweepManifest started, PrintStream log) {
        SweepManifest manifest = store.manifest().orElseThrow(() -> new SweepRefused(flag + ": " + store.uri()
                + " holds no " + ResultStore.MANIFEST + ", so there is no sweep to continue; run without " + flag
                + " to start one"));
        List<String> diffs = manifest.differences(started.spec(), started.data());
        if (!diffs.isEmpty()) {
            throw new SweepRefused(flag + ": the spec differs from the one " + store.uri() + " was started with: "
                    + String.join("; ", diffs) + ". Use the original spec, or start another --out (or --overwrite)");
        }
        int removed = store.removeUncommitted();
        if (removed > 0) {
            log.printf("[lossgrid] removed %d uncommitted batch directories left by an interrupted run%n", removed);
        }
        return manifest;
    }
}
