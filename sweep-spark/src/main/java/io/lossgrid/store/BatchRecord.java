package io.lossgrid.store;

import io.lossgrid.outcome.Status;
import java.util.Map;

/**
 * One committed batch as {@code sweep.json} records it.
 *
 * @param batch    the batch's number (its folders are {@code DIR/epochs/batch=N} and {@code DIR/trials/batch=N})
 * @param trials   trials committed in it
 * @param wallMs   from handing it to the trainers to its commit, ms
 * @param statuses its trials by status, in the enum's order
 * @param phases   wall time of each phase of its commit, ms, in the order they ran
 */
public record BatchRecord(int batch, int trials, long wallMs, Map<Status, Long> statuses, Map<String, Long> phases) {
    public BatchRecord {
        if (batch < 1) {
            throw new IllegalArgumentException("sweep.json: runs[].batches[].batch must be >= 1, found " + batch);
        }
        if (trials < 0) {
            throw new IllegalArgumentException("sweep.json: runs[].batches[].trials of batch " + batch + " must be >= 0, found " + trials);
        }
        statuses = StatusCounts.copy(statuses);
        phases = SweepManifest.ordered(phases);
    }
}
