package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.store.RunMode;
import org.junit.jupiter.api.Test;

/** One refusal per rule of a run's options, each with its message. */
class RunOptionsTest {
    static RunOptions options(int batchTrials, double commitSeconds) {
        return new RunOptions("out", RunMode.FRESH, batchTrials, commitSeconds, 2, true);
    }

    @Test
    void runOptionsWithoutAModeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RunOptions("out", null, 0, 15, 2, true));
        assertEquals("run mode must be one of [FRESH, RESUME, OVERWRITE, RERUN_FAILED], found none", e.getMessage());
    }

    @Test
    void aNegativeBatchSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options(-1, 15));
        assertEquals("batch trials must be >= 0 (0 = automatic), found -1", e.getMessage());
    }

    @Test
    void aCommitIntervalThatIsNotPositiveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options(0, 0));
        assertEquals("commit seconds must be > 0, found 0.0", e.getMessage());
    }

    @Test
    void noTaskPerCoreIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RunOptions("out", RunMode.FRESH, 0, 15, 0, true));
        assertEquals("tasks per core must be >= 1, found 0", e.getMessage());
    }

    @Test
    void aNegativePackSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RunOptions("out", RunMode.FRESH, 0, 15, 2, true, -1));
        assertEquals("pack bytes must be >= 0 (0 = sized to the executor), found -1", e.getMessage());
    }
}
