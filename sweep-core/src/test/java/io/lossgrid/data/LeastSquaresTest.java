package io.lossgrid.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TrainingData#leastSquaresMinimum()}: the exact target of a linear model under mse. */
class LeastSquaresTest {

    private static TrainingData data(int inputs, float[] x, int outputs, float[] y) {
        return new TrainingData("t", new Loss.Mse(), y.length / outputs, inputs, x, outputs, y);
    }

    @Test
    void noiseFreeLineHasAMinimumOfZero() {
        TrainingData d = new LinearData(null, 300, 1, List.of(3.0), -2.0, 0.0, 4).load(null).prepare(new Loss.Mse());
        double min = d.leastSquaresMinimum();
        assertTrue(min >= 0 && min < 1e-12, "only float rounding of y remains: " + min);
    }

    @Test
    void fourPointsMatchAHandComputation() {
        // x = 0..3, y = 1, 3, 2, 5: slope Sxy/Sxx = 5.5/5 = 1.1, intercept 2.75 - 1.1 * 1.5 = 1.1;
        // residuals -0.1, 0.8, -1.3, 0.6; squares 0.01 + 0.64 + 1.69 + 0.36 = 2.7; mean 0.675.
        TrainingData d = data(1, new float[] {0, 1, 2, 3}, 1, new float[] {1, 3, 2, 5});
        assertEquals(0.675, d.leastSquaresMinimum(), 1e-12);
    }

    @Test
    void twoFeaturesFitAPlaneExactly() {
        // y = 1 + 2a - b on four points that are not collinear.
        float[] x = {0, 0, 1, 0, 0, 1, 1, 1};
        float[] y = {1, 3, 0, 2};
        assertEquals(0.0, data(2, x, 1, y).leastSquaresMinimum(), 1e-12);
    }

    @Test
    void aConstantFeatureLeavesTheVarianceOfTheLabel() {
        // The feature and the intercept are the same column: the singular direction gets weight 0 and the
        // best fit is the mean 2.5, leaving the variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        TrainingData d = data(1, new float[] {1, 1, 1, 1}, 1, new float[] {1, 2, 3, 4});
        assertEquals(1.25, d.leastSquaresMinimum(), 1e-12);
    }

    @Test
    void severalOutputsAverageTheirMinima() {
        // Output 0 is the four points above (0.675); output 1 = 2x exactly (0); the mean error over both is 0.3375.
        float[] y = {1, 0, 3, 2, 2, 4, 5, 6};
        TrainingData d = data(1, new float[] {0, 1, 2, 3}, 2, y);
        assertEquals(0.675 / 2, d.leastSquaresMinimum(), 1e-12);
    }

    @Test
    void theMinimumIsBelowTheNoiseVarianceOfNoisyData() {
        // With noise sd 0.3 the minimum is near 0.09 (slightly below, two parameters fitted to the noise).
        TrainingData d = new LinearData(null, 5000, 1, List.of(2.0), 1.0, 0.3, 8).load(null).prepare(new Loss.Mse());
        assertEquals(0.09, d.leastSquaresMinimum(), 0.006);
    }
}
