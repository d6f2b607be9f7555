package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Specs within every documented bound whose sizes multiply past what memory or time allows are refused
 * with one line at parse time, before any array is allocated or any axis listed.
 */
class SpecSizeLimitsTest {
    private static final Duration AT_ONCE = Duration.ofSeconds(10);

    @Test
    void aLinearDataSetWhoseRowsTimesWidthOverflowAnIntIsRefusedByItsSize() {
        assertRefused("data must fit in limits.maxDataBytes = 1073741824 bytes (its x and y arrays as float), found "
                        + "10000200000 bytes (50000 rows x (50000 inputs + 1 outputs) x 4 bytes)",
                "data", "{synthetic: {generator: linear, samples: 50000, features: 50000}}");
    }

    @Test
    void blobsWhoseRowsTimesWidthWrapAroundToASmallIntAreRefusedByTheirSize() {
        assertRefused("data must fit in limits.maxDataBytes = 1073741824 bytes (its x and y arrays as float), found "
                        + "17180400000 bytes (100000 rows x (42950 inputs + 1 outputs) x 4 bytes)",
                "data", "{synthetic: {generator: blobs, samples: 100000, features: 42950}}");
    }

    @Test
    void underXentTheOneHotLabelsCountOneOutputPerClass() {
        SpecText spec = SpecText.valid().with("loss", "xent").with("limits", "{maxDataBytes: 100000}")
                .with("data", "{synthetic: {generator: blobs, samples: 1000, features: 2, classes: 100}}");
        assertRefused("data must fit in limits.maxDataBytes = 100000 bytes (its x and y arrays as float), found "
                + "408000 bytes (1000 rows x (2 inputs + 100 outputs) x 4 bytes)", spec::parse);
        assertDoesNotThrow(SpecText.valid().with("loss", "mse").with("limits", "{maxDataBytes: 100000}")
                .with("data", "{synthetic: {generator: blobs, samples: 1000, features: 2, classes: 100}}")::parse,
                "under mse the label is one column: 12000 bytes fit");
    }

    @Test
    void eachDataSetOfAListIsCheckedAtItsIndex() {
        assertRefused("data[1] must fit in limits.maxDataBytes = 1000 bytes (its x and y arrays as float), found "
                        + "1600 bytes (200 rows x (1 inputs + 1 outputs) x 4 bytes)",
                SpecText.valid().with("limits", "{maxDataBytes: 1000}").with("data",
                        "[{synthetic: {generator: linear, samples: 100}}, {name: b, synthetic: {generator: linear, samples: 200}}]")::parse);
    }

    @Test
    void aMaxDataBytesBelowOneIsRefused() {
        assertRefused("limits.maxDataBytes must be >= 1, found 0", "limits", "{maxDataBytes: 0}");
    }

    @Test
    void moreBlobClassesThanALabelCanNameAreRefused() {
        assertRefused("data.synthetic.classes must be between 2 and 100000 and at most samples, found 100001",
                "data", "{synthetic: {generator: blobs, samples: 200000, classes: 100001}}");
    }

    @Test
    void aRangeOfTwoBillionStepsIsRefusedAtOnceWithoutListingIt() {
        assertTimeoutPreemptively(AT_ONCE, () -> assertRefused(
                "grid.learningRate.steps must be at most 1000000, found 2000000000",
                "grid", "{learningRate: {linear: [0.001, 1], steps: 2000000000}, optimizer: [sgd]}"));
    }

    @Test
    void twoRangesWhoseProductPassesTheTrialCapAreRefusedByTheirSizes() {
        assertTimeoutPreemptively(AT_ONCE, () -> assertRefused(
                "grid must expand to at most limits.maxTrials = 1000000 trials, found 1000000000000 trials (1 data x "
                        + "1 models x 1 losses x 1 optimizers x 1000000000000 (alpha, lr) cells x 1 seeds)",
                "grid", "{alpha: {log: [1, 1000], steps: 1000000}, learningRate: {log: [0.001, 1], steps: 1000000}, "
                        + "optimizer: [sgd]}"));
    }

    @Test
    void aMillionSeedsBeyondTheTrialCapAreRefusedAtOnce() {
        SpecText spec = SpecText.valid().with("limits", "{maxTrials: 10}")
                .with("grid", "{learningRate: [0.01], optimizer: [sgd], seed: {range: [0, 999999]}}");
        assertTimeoutPreemptively(AT_ONCE, () -> assertRefused("grid must expand to at most limits.maxTrials = 10 trials, "
                + "found 1000000 trials (1 data x 1 models x 1 losses x 1 optimizers x 1 (alpha, lr) cells x 1000000 seeds)",
                spec::parse));
    }
}
