package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code training.distributed} and {@code output}: what they read, resolve to, and each rule's message. */
class DistributedSpecTest {
    private static SweepSpec training(String yaml) {
        return SpecText.parseWith("training", yaml);
    }

    @Test
    void aDistributedTrainingReadsItsWorkersAveragingAndBatchPerWorker() {
        Distributed d = training("{epochs: 3, batchSize: 4, distributed: {workers: 4, averagingFrequency: 5, batchSizePerWorker: 2}}")
                .training().distributed();
        assertEquals(new Distributed(4, 5, 2), d);
        assertFalse(d.fullBatch());
    }

    @Test
    void withoutBatchSizePerWorkerAFullBatchTrainingGivesEachWorkerItsWholePartition() {
        SweepSpec spec = training("{epochs: 3, distributed: {workers: 2}}");
        assertTrue(spec.training().distributed().fullBatch());
        assertEquals(1, spec.training().distributed().averagingFrequency());
        assertEquals(Map.of("workers", 2, "averagingFrequency", 1), spec.training().distributed().toMap());
    }

    @Test
    void withoutBatchSizePerWorkerAMiniBatchTrainingGivesEachWorkerTheTrainingsBatchSize() {
        assertEquals(8, training("{epochs: 3, batchSize: 8, distributed: {workers: 2}}").training().distributed()
                .batchSizePerWorker());
    }

    @Test
    void withoutDistributedTheTrainingIsOnOneExecutorAndItsResolvedFormIsUnchanged() {
        SweepSpec spec = SpecText.valid().parse();
        assertNull(spec.training().distributed());
        assertEquals(List.of("epochs", "batchSize", "dtype"), List.copyOf(spec.training().toMap().keySet()));
    }

    @Test
    void theOutputSectionDefaultsToNoModels() {
        assertEquals(ModelOutput.NONE, SpecText.valid().parse().output().models());
        assertEquals(ModelOutput.BEST, SpecText.parseWith("output", "{models: best}").output().models());
        assertEquals(Map.of("models", "final"), SpecText.parseWith("output", "{models: final}").output().toMap());
    }

    @Test
    void anUnknownModelsValueIsRefused() {
        assertRefused("output.models must be none, final or best, found \"all\"", "output", "{models: all}");
    }

    @Test
    void zeroWorkersAreRefused() {
        assertRefused("training.distributed.workers must be between 1 and 100000, found 0", "training",
                "{epochs: 3, distributed: {workers: 0}}");
    }

    @Test
    void aMissingWorkerCountIsRefused() {
        assertRefused("training.distributed.workers is required (the number of workers, such as 4), found nothing",
                "training", "{epochs: 3, distributed: {averagingFrequency: 2}}");
    }

    @Test
    void aZeroAveragingFrequencyIsRefused() {
        assertRefused("training.distributed.averagingFrequency must be >= 1, found 0", "training",
                "{epochs: 3, batchSize: 4, distributed: {workers: 2, averagingFrequency: 0}}");
    }

    @Test
    void aZeroBatchSizePerWorkerIsRefused() {
        assertRefused("training.distributed.batchSizePerWorker must be >= 1, found 0", "training",
                "{epochs: 3, batchSize: 4, distributed: {workers: 2, batchSizePerWorker: 0}}");
    }

    @Test
    void anAveragingFrequencyAboveOneWithFullBatchIsRefused() {
        assertRefused("training.distributed.averagingFrequency must be 1 when each worker takes one full step per epoch"
                + " (training.batchSize full: the bridge averages at the end of every epoch), found 5; leave it out, or"
                + " give batchSizePerWorker", "training", "{epochs: 3, distributed: {workers: 2, averagingFrequency: 5}}");
    }

    @Test
    void aBatchSizePerWorkerWithFullBatchIsRefused() {
        assertRefused("training.distributed.batchSizePerWorker must be left out with training.batchSize full (each worker"
                + " then takes one step per epoch on its whole partition), found 4; give training.batchSize a number"
                + " instead of full", "training", "{epochs: 3, distributed: {workers: 2, batchSizePerWorker: 4}}");
    }

    @Test
    void moreWorkersThanTheDataHasRowsAreRefused() {
        SweepSpec spec = training("{epochs: 3, distributed: {workers: 21}}"); // the valid spec's data has 20 rows
        assertRefused("training.distributed.workers must be at most the data's rows (each worker needs at least one"
                + " example), found 21 workers for the 20 rows of data \"linear\"; use at most 20 workers",
                () -> spec.prepare(spec.data().get(0).load(Path.of("."))));
    }

    @Test
    void aBatchPerWorkerLargerThanAPartitionIsRefused() {
        SweepSpec spec = training("{epochs: 3, batchSize: 4, distributed: {workers: 3, batchSizePerWorker: 7}}");
        assertRefused("training.distributed.batchSizePerWorker must be at most a worker's partition (6 rows: 20 rows / 3"
                + " workers), found 7 for data \"linear\"; use at most 6 or fewer workers",
                () -> spec.prepare(spec.data().get(0).load(Path.of("."))));
    }

    @Test
    void partitionsDifferByAtMostOneRowTheLargerFirst() {
        Distributed d = new Distributed(3, 1, 0);
        assertEquals(List.of(7, 7, 6), List.of(d.partitionSize(20, 0), d.partitionSize(20, 1), d.partitionSize(20, 2)));
    }
}
