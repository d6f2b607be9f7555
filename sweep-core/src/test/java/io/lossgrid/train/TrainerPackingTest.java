package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link Trainer} cuts a task's networks into packs: alike trials together, as many as the pack's bytes hold. */
class TrainerPackingTest {
    private static final SweepSpec SPEC = PackedMlpRunnerTest.spec("xent", "adam", "relu", "", "[0.001, 0.002, 0.004]",
            "[1]");
    private static final TrainingData DATA = PackedMlpRunnerTest.data(SPEC);
    private static final TrainingPlan PLAN = PackedMlpRunnerTest.plan(SPEC, DATA);

    private static List<String> runners(boolean packing, long packBytes) {
        List<Trial> trials = AllTrials.of(SPEC).subList(0, 5);
        List<String> out = new ArrayList<>();
        new Trainer(PLAN, packing, Trainer.DEFAULT_MAX_PACK, packBytes, EpochListener.NONE)
                .run(trials, Map.of(DATA.key(), DATA), r -> out.add(r.runner()));
        return out;
    }

    @Test
    void alikeNetworksTrainAsOnePackWhenItsBytesHoldThem() {
        assertEquals(List.of("packed", "packed", "packed", "packed", "packed"), runners(true, Trainer.DEFAULT_PACK_BYTES));
    }

    @Test
    void packsTakeNoMoreTrialsThanTheirBytesHold() {
        long two = 2 * PackedMlpRunner.trialBytes(AllTrials.of(SPEC).get(0), DATA, SPEC.training());
        // Five trials in packs of at most two: two packs of two, and the last trial alone.
        assertEquals(List.of("packed", "packed", "packed", "packed", "single"), runners(true, two + 1));
    }

    @Test
    void withoutPackingEveryNetworkTrainsAlone() {
        assertEquals(List.of("single", "single", "single", "single", "single"), runners(false, Trainer.DEFAULT_PACK_BYTES));
    }

    @Test
    void aPackSizeBelowOneByteIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(PLAN, true, 1, 0, EpochListener.NONE));
        assertEquals("packBytes must be >= 1, found 0", e.getMessage());
    }
}
