package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.store.RunMode;
import org.junit.jupiter.api.Test;

class BatchSizerTest {
    static RunOptions options(int batchTrials, double commitSeconds) {
        return new RunOptions("out", RunMode.FRESH, batchTrials, commitSeconds, 2, true);
    }

    @Test
    void aFixedSizeIsEveryBatchsSize() {
        BatchSizer s = new BatchSizer(options(5, 15), 4);
        assertEquals(5, s.first());
        assertEquals(5, s.next(5, 1));
        assertEquals(5, s.next(5, 100_000));
    }

    @Test
    void automaticSizingStartsAtSixtyFourTrialsPerSlotAndAimsAtTheCommitInterval() {
        BatchSizer s = new BatchSizer(options(0, 15), 4);
        assertEquals(256, s.first());
        assertEquals(1500, s.next(200, 2000), "100 trials/s for 15 s");
    }

    @Test
    void automaticSizesStayBetweenOneTrialPerSlotAndTheMaximum() {
        BatchSizer s = new BatchSizer(options(0, 15), 4);
        assertEquals(4, s.next(1, 600_000));
        assertEquals(BatchSizer.MAX, s.next(10_000, 1));
    }

    @Test
    void noTaskSlotIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchSizer(options(0, 15), 0));
        assertEquals("parallelism must be >= 1, found 0", e.getMessage());
    }
}
