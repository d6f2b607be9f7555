package io.lossgrid.store;

import java.util.List;
import java.util.Map;

/**
 * One run into a results directory (a fresh start, a resume, a rerun of FAILED trials) as
 * {@code sweep.json} records it.
 *
 * @param mode          how it was started
 * @param master        the Spark master it ran on
 * @param packing       whether alike linear trials were trained packed
 * @param startedAt     ISO-8601 instant it started
 * @param finishedAt    ISO-8601 instant it ended; null while it runs (or if it was killed)
 * @param wallMs        its wall time so far, ms
 * @param pendingTrials trials not committed when it started: what it set out to train
 * @param trainedTrials trials it trained and committed
 * @param versions      versions of lossgrid, Spark, DL4J and Java it ran with
 * @param batches       the batches it committed, in order
 * @param phases        wall time of each phase of the driver, ms, summed over batches; null while it runs
 */
public record RunRecord(RunMode mode, String master, boolean packing, String startedAt, String finishedAt, long wallMs,
                        long pendingTrials, long trainedTrials, Map<String, String> versions, List<BatchRecord> batches,
                        Map<String, Long> phases) {
    public RunRecord {
        if (mode == null) {
            throw new IllegalArgumentException("sweep.json: runs[].mode must be one of fresh, resume, overwrite, "
                    + "rerun_failed, found none");
        }
        if (pendingTrials < 0 || trainedTrials < 0 || trainedTrials > pendingTrials) {
            throw new IllegalArgumentException("sweep.json: runs[].trainedTrials must be between 0 and pendingTrials ("
                    + pendingTrials + "), found " + trainedTrials);
        }
        versions = SweepManifest.ordered(versions);
        batches = batches == null ? List.of() : List.copyOf(batches);
        phases = SweepManifest.ordered(phases);
    }

    /** A run that starts now and has committed nothing yet. */
    public static RunRecord starting(RunMode mode, String master, boolean packing, long pendingTrials,
                                     Map<String, String> versions) {
        return new RunRecord(mode, master, packing, java.time.Instant.now().toString(), null, 0, pendingTrials, 0,
                versions, List.of(), null);
    }

    /** This run with one more committed batch; {@code runWallMs} is the run's wall time at that commit. */
    RunRecord plus(BatchRecord batch, long runWallMs) {
        List<BatchRecord> more = new java.util.ArrayList<>(batches);
        more.add(batch);
        return new RunRecord(mode, master, packing, startedAt, finishedAt, runWallMs, pendingTrials,
                trainedTrials + batch.trials(), versions, more, phases);
    }

    /** This run, ended now after {@code runWallMs} with the driver's {@code phases}. */
    RunRecord ended(long runWallMs, Map<String, Long> phases) {
        return new RunRecord(mode, master, packing, startedAt, java.time.Instant.now().toString(), runWallMs,
                pendingTrials, trainedTrials, versions, batches, phases);
    }
}
