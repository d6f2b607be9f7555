package io.lossgrid.job;

import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.BatchCommit;
import io.lossgrid.store.BatchRecord;
import io.lossgrid.store.CommittedTrials;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.RunRecord;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepManifest;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    SweepRun(ResultStore<R> store, PrintStream log) {
        this.store = store;
        this.log = log;
    }

    /**
     * Runs {@code spec} into the store.
     *
     * @param data     the data fingerprints ({@code PreparedData.tables()}), which a resume compares
     * @param master   the Spark master, for the manifest
     * @param versions versions to record
     * @param ship     opens the training, given how many trials are already committed (after the directory
     *                 is open, so a refused run ships nothing)
     * @throws io.lossgrid.store.SweepRefused when the store does not allow the run as asked (nothing is changed)
     */
    Summary run(SweepSpec spec, List<Map<String, Object>> data, RunOptions options, String master,
                Map<String, String> versions, LongFunction<BatchTraining<R>> ship) {
        long start = System.nanoTime();
        long total = spec.trialCount();
        Map<String, Long> phases = new LinkedHashMap<>();
        long mark = System.nanoTime();
        SweepManifest manifest = options.mode().open(store, SweepManifest.start(spec.toMap(), data, total, versions), log);
        mark = lap(phases, "openDirectoryMs", mark);
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
                long t0 = System.nanoTime();
                R rows = training.train(batchNo, batch);
                BatchCommit commit;
                try {
                    commit = store.commit(batchNo, rows);
                } finally {
                    training.release(rows);
                }
                long batchMs = (System.nanoTime() - t0) / 1_000_000;
                commit.phases().forEach((k, v) -> phases.merge(k, v, Long::sum));
                trained += batch.size();
                commit.counts().forEach((k, v) -> totals.merge(k, v, Long::sum));
                manifest = manifest.committed(new BatchRecord(batchNo, batch.size(), batchMs, commit.counts(),
                        commit.phases()), (System.nanoTime() - start) / 1_000_000);
                store.writeManifest(manifest);
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
        store.writeManifest(manifest.ended(state, stopReason, wallMs, totals, phases));
        return new Summary(state, stopReason, total, trained, committed.ids().size(), totals, wallMs, store.uri());
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.merge(name, (now - since) / 1_000_000, Long::sum);
        return now;
    }
}
