package io.lossgrid.job;

import io.lossgrid.grid.Trial;
import io.lossgrid.store.BatchCommit;
import java.util.List;

/**
 * Turns a batch of trials into rows a {@link io.lossgrid.store.ResultStore} commits: on Spark, an RDD that
 * trains the trials when the store writes it ({@link SparkTraining}); in the tests, rows made at once.
 * Opened once per run, after the directory is open, and closed when the run ends.
 *
 * @param <R> a batch's rows, in the form the run's store takes them
 */
interface BatchTraining<R> extends AutoCloseable {
    /** Task slots the batches are spread over, for sizing them. */
    int parallelism();

    /** The rows of batch {@code batch}, which holds {@code trials} (none of them committed). */
    R train(int batch, List<Trial> trials);

    /** Frees what {@link #train} held for {@code rows}; called once per batch, whether its commit succeeded or not. */
    void release(R rows);

    /** Batch {@code batch} was committed with {@code commit}'s counts. */
    void committed(int batch, BatchCommit commit);

    /** Ends the run's training: frees shipped data, stops reporting progress. */
    @Override
    void close();
}
