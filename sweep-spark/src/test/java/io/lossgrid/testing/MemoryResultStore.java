package io.lossgrid.testing;

import io.lossgrid.outcome.Status;
import io.lossgrid.search.Finished;
import io.lossgrid.store.BatchCommit;
import io.lossgrid.store.CommittedTrials;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.RunLock;
import io.lossgrid.store.StoreFailure;
import io.lossgrid.store.SweepRefused;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.store.Tables.TrialRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link ResultStore} in memory, for tests of the batch loop without Spark or files. It keeps the
 * contract the way a results directory does: each table holds one folder per batch, written epochs first,
 * then iterations (for a batch whose results carry traces), then trials, each with its commit mark; a batch
 * counts once its epochs and trials are marked. {@link #crashAfterEpochsOf}
 * makes a commit stop between the two tables, as a driver killed there would. The manifest is kept as its
 * JSON text, so every write and read goes through {@link SweepManifest}'s format.
 *
 * <p>It lives in the test sources: nothing in a sweep uses it, and its fault injection is for tests only.
 */
public final class MemoryResultStore implements ResultStore<List<TrialRow>> {
    /** The crash {@link #crashAfterEpochsOf} injects. */
    public static final class InjectedCrash extends RuntimeException {
        InjectedCrash(String message) {
            super(message);
        }
    }

    /** One table's folder of one batch: its rows, and whether its commit mark was written. */
    private record Folder(List<TrialRow> rows, boolean committed) {
    }

    private final String uri;
    private final TreeMap<Integer, Folder> epochs = new TreeMap<>();
    private final TreeMap<Integer, Folder> trials = new TreeMap<>();
    private final TreeMap<Integer, Folder> iterations = new TreeMap<>();
    private String manifestJson;
    private int crashAfterEpochsOf = -1;
    private String lockedBy;
    private int locks;
    private java.io.IOException failCommitOf;
    private int failCommitBatch = -1;
    private int manifestWrites;
    private int manifestWritesAllowed = Integer.MAX_VALUE;

    public MemoryResultStore(String uri) {
        this.uri = uri;
    }

    /** The commit of batch {@code batch} will fail as a full disk would, with {@code cause}, writing nothing. */
    public void failCommitOf(int batch, java.io.IOException cause) {
        failCommitBatch = batch;
        failCommitOf = cause;
    }

    /** Manifest writes after the first {@code allowed} (counted from now) fail as a full disk would. */
    public void failManifestWritesAfter(int allowed) {
        manifestWrites = 0;
        manifestWritesAllowed = allowed;
    }

    /** The commit of batch {@code batch} will write its epochs and then throw {@link InjectedCrash}. */
    public void crashAfterEpochsOf(int batch) {
        crashAfterEpochsOf = batch;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public boolean occupied() {
        return manifestJson != null || !epochs.isEmpty() || !trials.isEmpty() || !iterations.isEmpty();
    }

    @Override
    public void deleteAll() {
        manifestJson = null;
        epochs.clear();
        iterations.clear();
        trials.clear();
    }

    /** Takes the run lock: refused while another run of this store holds it. */
    @Override
    public RunLock lock() {
        if (lockedBy != null) {
            throw new SweepRefused(uri + " is in use by another lossgrid run (" + lockedBy + ")");
        }
        String owner = "run " + (++locks);
        lockedBy = owner;
        return new RunLock() {
            @Override
            public String owner() {
                return owner;
            }

            @Override
            public void close() {
                if (owner.equals(lockedBy)) {
                    lockedBy = null;
                }
            }
        };
    }

    /** Who holds the run lock now; null when no run does. */
    public String lockedBy() {
        return lockedBy;
    }

    @Override
    public Optional<SweepManifest> manifest() {
        return Optional.ofNullable(manifestJson).map(SweepManifest::parse);
    }

    @Override
    public void writeManifest(SweepManifest manifest) {
        if (++manifestWrites > manifestWritesAllowed) {
            java.io.IOException full = new java.io.IOException("No space left on device");
            throw new StoreFailure(StoreFailure.reason(full), full);
        }
        manifestJson = manifest.toJson();
    }

    /** The manifest's text as last written; null if none. */
    public String manifestJson() {
        return manifestJson;
    }

    @Override
    public List<Integer> committedBatches() {
        List<Integer> out = new ArrayList<>();
        trials.forEach((b, f) -> {
            if (f.committed() && epochs.containsKey(b) && epochs.get(b).committed()) {
                out.add(b);
            }
        });
        return out;
    }

    @Override
    public int nextBatch() {
        int max = 0;
        for (TreeMap<Integer, Folder> table : List.of(epochs, iterations, trials)) {
            if (!table.isEmpty()) {
                max = Math.max(max, table.lastKey());
            }
        }
        return max + 1;
    }

    @Override
    public CommittedTrials committedTrials() {
        Set<String> ids = new TreeSet<>();
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (TrialRow r : committedRows()) {
            ids.add(r.trial().id());
            counts.merge(r.metrics().status(), 1L, Long::sum);
        }
        return new CommittedTrials(ids, counts);
    }

    @Override
    public List<Finished> finishedTrials() {
        return committedRows().stream().map(TrialRow::result).map(Finished::of).toList();
    }

    /** The committed trials' rows, batch by batch. */
    public List<TrialRow> committedRows() {
        List<TrialRow> out = new ArrayList<>();
        for (int b : committedBatches()) {
            out.addAll(trials.get(b).rows());
        }
        return out;
    }

    /** Epoch rows of {@code trialId} in committed batches (one per recorded epoch of each committed copy). */
    public long committedEpochRows(String trialId) {
        long n = 0;
        for (int b : committedBatches()) {
            for (TrialRow r : epochs.get(b).rows()) {
                if (r.trial().id().equals(trialId)) {
                    n += r.result().loss().length;
                }
            }
        }
        return n;
    }

    /** Iteration rows of {@code trialId} in committed batches (one per traced update of each committed copy). */
    public long committedIterationRows(String trialId) {
        long n = 0;
        for (int b : committedBatches()) {
            for (TrialRow r : iterations.getOrDefault(b, new Folder(List.of(), true)).rows()) {
                if (r.trial().id().equals(trialId) && r.result().trace() != null) {
                    n += r.result().trace().iterations();
                }
            }
        }
        return n;
    }

    /** The batches that hold an iterations folder, committed or not. */
    public List<Integer> iterationBatches() {
        return new ArrayList<>(iterations.keySet());
    }

    @Override
    public BatchCommit commit(int batch, List<TrialRow> rows) {
        if (epochs.containsKey(batch) || trials.containsKey(batch)) {
            throw new IllegalStateException("batch " + batch + " is present already; commit a new number (nextBatch())");
        }
        if (batch == failCommitBatch) {
            throw new StoreFailure(StoreFailure.reason(failCommitOf), failCommitOf);
        }
        epochs.put(batch, new Folder(List.copyOf(rows), true));
        if (batch == crashAfterEpochsOf) {
            throw new InjectedCrash("crashed after the epochs of batch " + batch);
        }
        if (rows.stream().anyMatch(r -> r.result().trace() != null)) {
            iterations.put(batch, new Folder(List.copyOf(rows), true));
        }
        trials.put(batch, new Folder(List.copyOf(rows), true));
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        String firstError = null;
        for (TrialRow r : rows) {
            counts.merge(r.metrics().status(), 1L, Long::sum);
            firstError = firstError != null ? firstError : r.result().error();
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("commitMs", 0L);
        return new BatchCommit(counts, firstError, phases);
    }

    @Override
    public int removeUncommitted() {
        Set<Integer> committed = new TreeSet<>(committedBatches());
        int removed = 0;
        for (TreeMap<Integer, Folder> table : List.of(epochs, iterations, trials)) {
            List<Integer> gone = table.keySet().stream().filter(b -> !committed.contains(b)).toList();
            gone.forEach(table::remove);
            removed += gone.size();
        }
        return removed;
    }

    @Override
    public int dropFailed() {
        int dropped = 0;
        for (int b : committedBatches()) {
            List<TrialRow> kept = trials.get(b).rows().stream().filter(r -> r.metrics().status() != Status.FAILED).toList();
            dropped += trials.get(b).rows().size() - kept.size();
            epochs.put(b, new Folder(kept, true));
            if (iterations.containsKey(b)) {
                iterations.put(b, new Folder(kept, true));
            }
            trials.put(b, new Folder(kept, true));
        }
        return dropped;
    }
}
