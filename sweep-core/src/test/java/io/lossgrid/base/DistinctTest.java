package io.lossgrid.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DistinctTest {
    @Test
    void theFirstRepeatNamesItsIndexAndTheIndexOfItsTwin() {
        assertArrayEquals(new int[] {3, 1}, Distinct.firstRepeat(List.of(1.0, 2.0, 3.0, 2.0, 1.0)));
        assertNull(Distinct.firstRepeat(List.of("a", "b", "c")));
    }

    @Test
    void aMillionDistinctValuesHaveNoRepeat() {
        List<Long> seeds = LongStream.range(0, 1_000_000).boxed().toList();
        assertNull(Distinct.firstRepeat(seeds));
    }
}
