package io.lossgrid.job;

import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.BatchCommit;
import io.lossgrid.store.BatchRecord;
import io.lossgrid.store.CommittedTrials;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.RunLock;
import io.lossgrid.store.RunRecord;
import io.lossgrid.store.RunState;
import io.lossgrid.store.StoreFailure;
import io.lossgrid.store.SweepManifest;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.LongFunction;

/**
 * The deciding half of a sweep run, without Spark: opens the store in the run's mode, learns what is
 * committed, and runs the batch loop (which trials go into the next batch, its commit, the manifest after
 * each commit, when a poisoned sweep stops). Training and storage come in as a {@link BatchTraining} and a
 * {@link ResultStore}, so the tests drive it with an in-memory store and made-up results.
 *
 * <p>Trials come from a {@link TrialSource}: a grid's in the spec's order as they are needed (the run holds one
 * batch of them, the ids already committed when continuing, and per-batch counts, never epoch rows), or a
 * boundary search's rounds, each planned from the committed trials once the round before is committed.
 *
 * @param <R> a batch's rows, as the store takes them
 */
final class SweepRun<R> {
    private final ResultStore<R> store;
    private final PrintStream log;
    private final Supplier<String> banner;
    private final BooleanSupplier interrupted;

    /** A run without a banner that is never interrupted (the tests' form). */
    SweepRun(ResultStore<R> store, PrintStream log) {
        this(store, log, null, () -> false);
    }

    /**
     * @param banner      made and printed once the store has accepted the run (after its lock and mode), never
     *                    for a refused one; null for none
     * @param interrupted true once the user asked the run to stop (Ctrl-C): no further batch starts, and a
     *                    commit that fails then ends the run with {@link RunHalted#INTERRUPTED}
     */
    SweepRun(ResultStore<R> store, PrintStream log, Supplier<String> banner, BooleanSupplier interrupted) {
        this.store = store;
        this.log = log;
        this.banner = banner;
        this.interrupted = interrupted;
    }

    /**
     * Runs {@code spec} into the store.
     *
     * @param data     the data fingerprints ({@code PreparedData.tables()}), which a resume compares
     * @param master   the Spark master, for the manifest
     * @param versions versions to record
     * @param ship     opens the training, given how many trials are already committed (after the directory
     *                 is open, so a refused run ships nothing)
     * @throws io.lossgrid.store.SweepRefused when the store does not allow the run as asked, or another run
     *                                        holds its lock (nothing is changed)
     * @throws RunHalted when the user stopped the run, or the store could not be written mid-run (what is
     *                   committed stays, and a resume continues)
     */
    Summary run(SweepSpec spec, List<Map<String, Object>> data, RunOptions options, String master,
                Map<String, String> versions, LongFunction<BatchTraining<R>> ship) {
        try (RunLock lock = store.lock()) {
            return locked(spec, data, options, master, versions, ship);
        }
    }

    private Summary locked(SweepSpec spec, List<Map<String, Object>> data, RunOptions options, String master,
                           Map<String, String> versions, LongFunction<BatchTraining<R>> ship) {
        long start = System.nanoTime();
        long total = spec.trialCount();
        Map<String, Long> phases = new LinkedHashMap<>();
        long mark = System.nanoTime();
        SweepManifest manifest = options.mode().open(store, SweepManifest.start(spec.toMap(), data, total, versions), log);
        mark = lap(phases, "openDirectoryMs", mark);
        if (banner != null) {
            log.println(banner.get());
        }
        CommittedTrials committed = options.mode().continues() ? store.committedTrials()
                : new CommittedTrials(Set.of(), Map.of());
        long pending = total - committed.ids().size();
        Map<Status, Long> totals = new EnumMap<>(Status.class);
        totals.putAll(committed.counts());
        mark = lap(phases, "readCommittedMs", mark);

        manifest = manifest.begin(RunRecord.starting(options.mode(), master, options.packing(), pending, versions));
        store.writeManifest(manifest);
        if (!committed.ids().isEmpty()) {
            log.printf("[lossgrid] %d of %d trials already committed in %s; training the other %d%n",
                    committed.ids().size(), total, store.uri(), pending);
        }

        RunState state = RunState.COMPLETED;
        String stopReason = null;
        long trained = 0;
        try (BatchTraining<R> training = ship.apply(committed.ids().size())) {
            mark = lap(phases, "shipMs", mark);
            BatchSizer sizer = new BatchSizer(options, training.parallelism());
            int size = sizer.first();
            int batchNo = store.nextBatch();
            TrialSource source = TrialSource.of(spec, store, committed.ids(), training::parallelism, log);
            for (List<Trial> batch = source.next(size); !batch.isEmpty(); batch = source.next(size), batchNo++) {
                manifest = source.recorded(manifest);
                long done = committed.ids().size() + trained;
                if (interrupted.getAsBoolean()) {
                    throw halted(RunHalted.INTERRUPTED, "interrupted", done, total);
                }
                long t0 = System.nanoTime();
                BatchCommit commit = null;
                try {
                    R rows = training.train(batchNo, batch);
                    try {
                        commit = store.commit(batchNo, rows);
                    } finally {
                        training.release(rows);
                    }
                    manifest = manifest.committed(new BatchRecord(batchNo, batch.size(),
                            (System.nanoTime() - t0) / 1_000_000, commit.counts(), commit.phases()),
                            (System.nanoTime() - start) / 1_000_000);
                    store.writeManifest(manifest);
                } catch (StoreFailure e) {
                    throw commit == null
                            ? halted(RunHalted.STORE_FAILED, "could not write batch " + batchNo + " to " + store.uri()
                                    + " (" + e.getMessage() + ")", done, total)
                            : halted(RunHalted.STORE_FAILED, "could not record batch " + batchNo + " in "
                                    + ResultStore.MANIFEST + " (" + e.getMessage() + ")", done + batch.size(), total);
                } catch (Exception e) {
                    // Spark's cancellation is a SparkException, a checked exception Scala throws undeclared
                    if (interrupted.getAsBoolean()) {
                        throw halted(RunHalted.INTERRUPTED, "interrupted", commit == null ? done : done + batch.size(),
                                total);
                    }
                    throw e;
                }
                long batchMs = (System.nanoTime() - t0) / 1_000_000;
                commit.phases().forEach((k, v) -> phases.merge(k, v, Long::sum));
                trained += batch.size();
                commit.counts().forEach((k, v) -> totals.merge(k, v, Long::sum));
                training.committed(batchNo, commit);
                long finished = totals.values().stream().mapToLong(Long::longValue).sum();
                long failures = totals.getOrDefault(Status.FAILED, 0L);
                if (trained < pending && spec.limits().poisoned(failures, finished)) {
                    state = RunState.STOPPED;
                    stopReason = String.format(Locale.ROOT,
                            "%d of %d finished trials FAILED, more than limits.maxFailedShare = %s; first error: %s",
                            failures, finished, spec.limits().maxFailedShare(), commit.firstError());
                    log.println("[lossgrid] stopping early: " + stopReason);
                    break;
                }
                size = sizer.next(batch.size(), batchMs);
            }
            manifest = source.recorded(manifest);
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        try {
            store.writeManifest(manifest.ended(state, stopReason, wallMs, totals, phases));
        } catch (StoreFailure e) {
            throw halted(RunHalted.STORE_FAILED, "could not record the end of the run in " + ResultStore.MANIFEST
                    + " (" + e.getMessage() + ")", committed.ids().size() + trained, total);
        }
        return new Summary(state, stopReason, total, trained, committed.ids().size(), totals, wallMs, store.uri());
    }

    /**
     * The one-line end of a run stopped before its sweep: why, what is committed, and that a resume continues.
     * The batch in flight is not committed; a resume deletes what it left and trains it again.
     */
    private RunHalted halted(int status, String why, long committedTrials, long total) {
        return new RunHalted(status, String.format(Locale.ROOT, "%s; %d of %d trials are committed in %s;"
                        + " run the same command with --resume to continue", why, committedTrials, total, store.uri()));
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.merge(name, (now - since) / 1_000_000, Long::sum);
        return now;
    }
}
