package io.lossgrid.store;

import io.lossgrid.search.Finished;
import java.util.List;
import java.util.Optional;

/**
 * The results boundary: the one place that commits a sweep's batches and says what is committed. A sweep's
 * driver hands each batch's trained rows to {@link #commit}, and learns from {@link #committedTrials} what
 * it need not train again; everything it knows of earlier runs comes through here.
 *
 * <p>The contract every implementation keeps (docs/reliability.md states the same promises and the tests
 * behind them):
 * <ul>
 *   <li><b>Commit order.</b> {@link #commit} writes a batch's epochs first, then its trials, then marks the
 *   batch committed (for files, {@code _SUCCESS} in each table's batch folder, written last). A batch counts
 *   as committed once both tables are; a rewritten batch ({@link #dropFailed}) follows the same order.</li>
 *   <li><b>Saved models.</b> A batch's saved networks ({@code output.models}) are staged while it trains and
 *   published ({@code models/<trial_id>.zip}) only after its trials are committed: a model of a trial whose row
 *   is not committed is never visible; a resume publishes the staged models of committed trials and deletes the
 *   others; a trial trained again replaces its own file, never adds a second.</li>
 *   <li><b>Atomicity.</b> A reader that respects commits sees a batch whole or not at all, in both tables
 *   alike: never a batch's trials without its epochs, never half a batch. {@link #writeManifest} replaces
 *   the manifest atomically: readers see the old one or the new one.</li>
 *   <li><b>Exactly once.</b> A trial id is in at most one committed batch, and its epochs with it. A commit
 *   interrupted at any point leaves the batch uncommitted; {@link #removeUncommitted} deletes what it
 *   left, so training its trials again adds them once.</li>
 *   <li><b>What a reader may see.</b> Only committed batches count: {@link #committedTrials},
 *   {@link #committedBatches} and the store's own views. A reader that lists files itself may also see
 *   the folders of a batch being written or left by a crash, and must check for the commit mark.</li>
 * </ul>
 *
 * <p>{@code R} is the form in which a batch's rows reach the store: a Spark RDD that trains as it is
 * written ({@link ResultDirectory}), or rows already in memory (the tests' in-memory store).
 *
 * @param <R> a batch's rows as this store takes them
 */
public interface ResultStore<R> {
    /** The manifest's file name in a results directory. */
    String MANIFEST = "sweep.json";

    /** Where the store is, for messages: a directory's URI. */
    String uri();

    /** True if the store holds anything at all (committed or not, manifest or not) besides a run's lock. */
    boolean occupied();

    /**
     * Deletes everything the store holds except the run's lock, provided it is recognisably a lossgrid
     * store or empty.
     *
     * @throws SweepRefused naming what was found, when the store holds anything else (nothing is deleted)
     */
    void deleteAll();

    /**
     * Takes the store's exclusive run lock, held until the returned lock is closed: only one run writes a
     * store at a time. A lock whose holder is gone (its process ended, or its lease expired) is taken over.
     * Readers never need it.
     *
     * @throws SweepRefused when a live run holds it (naming that run's host and pid), or the store cannot be written
     */
    RunLock lock();

    /**
     * The manifest, if there is one.
     *
     * @throws SweepRefused when it cannot be read as a manifest, or the store's layout is one this version
     *                      does not read (the message says how to migrate)
     */
    Optional<SweepManifest> manifest();

    /** Replaces the manifest atomically. */
    void writeManifest(SweepManifest manifest);

    /** The committed batches' numbers, ascending. */
    List<Integer> committedBatches();

    /** The number the next batch should take: one past any batch present, committed or not. */
    int nextBatch();

    /** The ids and statuses of the committed trials. */
    CommittedTrials committedTrials();

    /**
     * The committed trials as a search reads them back ({@code trial_id}, {@code round}, {@code alpha},
     * {@code learning_rate}, {@code seed}, {@code status}), in no particular order: a search's state is rebuilt
     * from these rows, on start, on resume and after every round.
     */
    List<Finished> finishedTrials();

    /**
     * Commits batch {@code batch}: its epochs, then its trials, then the commit mark.
     *
     * @param batch a number no batch present has ({@link #nextBatch()})
     * @return what was committed: counts by status, the first error, the phases' wall times
     */
    BatchCommit commit(int batch, R rows);

    /** Deletes what is not part of a committed batch (what a crash left); returns how many batch folders it removed. */
    int removeUncommitted();

    /**
     * Takes every FAILED trial, and its epochs, out of the committed batches, so that they are pending again:
     * each affected batch is rewritten beside itself and swapped in, so a crash part-way leaves a batch
     * whole, either as it was or without its FAILED trials. Returns how many trials it took out.
     */
    int dropFailed();
}
