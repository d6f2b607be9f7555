package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchSizerTest {
    @Test
    void aFixedSizeIsEveryBatchsSize() {
        BatchSizer s = new BatchSizer(5, 4, 15);
        assertEquals(5, s.first());
        assertEquals(5, s.next(5, 1));
        assertEquals(5, s.next(5, 100_000));
    }

    @Test
    void automaticSizingStartsAtSixtyFourTrialsPerSlotAndAimsAtTheCommitInterval() {
        BatchSizer s = new BatchSizer(0, 4, 15);
        assertEquals(256, s.first());
        assertEquals(1500, s.next(200, 2000), "100 trials/s for 15 s");
    }

    @Test
    void automaticSizesStayBetweenOneTrialPerSlotAndTheMaximum() {
        BatchSizer s = new BatchSizer(0, 4, 15);
        assertEquals(4, s.next(1, 600_000));
        assertEquals(BatchSizer.MAX, s.next(10_000, 1));
    }

    @Test
    void aNegativeFixedSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchSizer(-1, 4, 15));
        assertEquals("batch trials must be >= 0 (0 = automatic), found -1", e.getMessage());
    }

    @Test
    void noTaskSlotIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchSizer(0, 0, 15));
        assertEquals("parallelism must be >= 1, found 0", e.getMessage());
    }

    @Test
    void aCommitIntervalThatIsNotPositiveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchSizer(0, 4, 0));
        assertEquals("commit seconds must be > 0, found 0.0", e.getMessage());
    }
}
