package io.lossgrid.data;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lossgrid.spec.SpecText;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code data.synthetic.weights} of the blobs generator: imbalanced classes, exact counts, seeded order, and its rules. */
class BlobsWeightsTest {

    private static BlobsData blobs(int samples, long seed, List<Double> weights) {
        return new BlobsData(null, samples, 2, weights.size(), 3.0, 1.0, seed, weights);
    }

    private static int[] counts(Table t, int classes) {
        int[] counts = new int[classes];
        for (float v : t.y()) {
            counts[(int) v]++;
        }
        return counts;
    }

    @Test
    void eachClassGetsItsRoundedShareOfTheSamplesExactly() {
        assertArrayEquals(new int[] {270, 30}, counts(blobs(300, 1, List.of(0.9, 0.1)).load(null), 2));
        assertArrayEquals(new int[] {60, 30, 10}, counts(blobs(100, 1, List.of(6.0, 3.0, 1.0)).load(null), 3));
    }

    @Test
    void weightsAreNormalisedSoThatProportionsAreWhatCounts() {
        assertEquals(List.of(0.9, 0.1), blobs(300, 1, List.of(9.0, 1.0)).weights());
        assertArrayEquals(blobs(300, 1, List.of(9.0, 1.0)).load(null).y(), blobs(300, 1, List.of(0.9, 0.1)).load(null).y());
    }

    @Test
    void roundedCountsThatDoNotAddUpAreApportionedByLargestRemainder() {
        // 10 x (1/3, 1/3, 1/3) rounds to 3 + 3 + 3 = 9: the tenth example goes to the first class.
        assertArrayEquals(new int[] {4, 3, 3}, BlobsData.counts(List.of(1 / 3.0, 1 / 3.0, 1 / 3.0), 10));
        // 7 x (0.5, 0.5) rounds to 4 + 4 = 8: floors 3 + 3, the remaining one to the first of the equal remainders.
        assertArrayEquals(new int[] {4, 3}, BlobsData.counts(List.of(0.5, 0.5), 7));
    }

    @Test
    void theOrderOfClassesIsShuffledFromTheSeedAndRepeatsWithIt() {
        float[] a = blobs(300, 5, List.of(0.9, 0.1)).load(null).y();
        assertArrayEquals(a, blobs(300, 5, List.of(0.9, 0.1)).load(null).y());
        assertFalse(Arrays.equals(a, blobs(300, 6, List.of(0.9, 0.1)).load(null).y()));
        float[] sorted = a.clone();
        Arrays.sort(sorted);
        assertFalse(Arrays.equals(a, sorted), "the minority class is spread over the data, not appended at its end");
    }

    @Test
    void withoutWeightsExampleIStillBelongsToClassIModK() {
        Table t = new BlobsData(null, 30, 2, 3, 3.0, 1.0, 4).load(null);
        for (int i = 0; i < t.rows(); i++) {
            assertEquals(i % 3, t.y()[i]);
        }
    }

    @Test
    void aSpecGivesTheWeightsAndTheResolvedSpecWritesThemNormalised() {
        var d = SpecText.parseWith("data", "{synthetic: {generator: blobs, classes: 2, weights: [9, 1]}}").data().get(0);
        assertEquals(List.of(0.9, 0.1), d.toMap().get("weights"));
        assertFalse(SpecText.parseWith("data", "{synthetic: {generator: blobs}}").data().get(0).toMap()
                .containsKey("weights"), "absent weights are not written, so the ids of older sweeps stay");
    }

    @Test
    void aWeightCountOtherThanTheClassesIsRefused() {
        assertRefused("data.synthetic.weights must hold one weight per class (3 classes), found 2 weights", "data",
                "{synthetic: {generator: blobs, classes: 3, weights: [0.9, 0.1]}}");
    }

    @Test
    void aWeightThatIsNotPositiveIsRefusedAtItsIndex() {
        assertRefused("data.synthetic.weights[1] must be > 0 and finite, found 0", "data",
                "{synthetic: {generator: blobs, classes: 2, weights: [1, 0]}}");
    }

    @Test
    void aWeightThatGivesItsClassNoExampleIsRefused() {
        assertRefused("data.synthetic.weights[1] must give class 1 at least one of the 100 samples, found 0.001 (a share "
                        + "of 0.000999, 0 examples); raise it or the samples", "data",
                "{synthetic: {generator: blobs, classes: 2, samples: 100, weights: [1, 0.001]}}");
    }
}
