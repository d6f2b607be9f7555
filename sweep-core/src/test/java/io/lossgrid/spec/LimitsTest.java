package io.lossgrid.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void aSweepIsPoisonedOnceMoreThanTheShareOfAtLeastTenFinishedTrialsFailed() {
        Limits half = new Limits(100, 0.5);
        assertTrue(half.poisoned(6, 10));
        assertFalse(half.poisoned(5, 10), "exactly the share is tolerated");
        assertFalse(half.poisoned(9, 9), "too few finished trials to judge");
        assertTrue(new Limits(100, 0.1).poisoned(2, 10));
        assertFalse(new Limits(100, 1.0).poisoned(10, 10), "a share of 1 never stops a sweep");
    }

    @Test
    void theDataSizeIsCountedInLongArithmeticAndSaturatesInsteadOfOverflowing() {
        assertEquals(10_000_200_000L, Limits.dataBytes(50_000, 50_000, 1));
        assertEquals(Long.MAX_VALUE, Limits.dataBytes(Long.MAX_VALUE / 2, 3, 1));
        assertEquals(0, Limits.dataBytes(0, 3, 1));
    }
}
