package io.lossgrid.data;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.loss.Loss;
import io.lossgrid.spec.SpecText;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code shapes} generator: its images, their shape metadata, the class weights, its seed and its rules. */
class ShapesDataTest {

    private static ShapesData shapes(int samples, List<String> classes, List<Double> weights, double noise, long seed) {
        return new ShapesData(null, samples, 12, classes, weights, noise, seed);
    }

    private static void assertShapesRefused(String message, String settings) {
        assertRefused(message, SpecText.valid().with("loss", "xent")
                .with("data", "{synthetic: {generator: shapes, " + settings + "}}")::parse);
    }

    @Test
    void imagesAreFlatRowsOfTheirShape() {
        Table t = shapes(30, List.of("ring", "square"), null, 0.3, 1).load(null);
        assertEquals(new ImageShape(1, 12, 12), t.image());
        assertEquals(144, t.features().size());
        assertEquals("p0_0", t.features().get(0));
        assertEquals("p1_0", t.features().get(12), "row-major: the second row starts at feature 12");
        assertEquals(30 * 144, t.x().length);
        TrainingData d = t.prepare(new Loss.Xent(java.util.List.of()));
        assertEquals(new ImageShape(1, 12, 12), d.image());
        assertEquals(2, d.outputs());
    }

    @Test
    void withoutNoiseEveryImageHoldsItsShapeOnABlankBackground() {
        Table t = shapes(20, List.of("disc", "cross"), null, 0, 3).load(null);
        for (int i = 0; i < 20; i++) {
            float[] image = Arrays.copyOfRange(t.x(), i * 144, (i + 1) * 144);
            int on = 0;
            for (float v : image) {
                assertTrue(v == 0f || v == 1f, "pixels are 0 or 1 without noise, found " + v);
                on += v == 1f ? 1 : 0;
            }
            assertTrue(on >= 4 && on < 144, "image " + i + " has " + on + " pixels on");
        }
    }

    @Test
    void theWeightsSetEachClassesShareOfTheImages() {
        ShapesData d = shapes(800, List.of("ring", "square"), List.of(0.1, 0.9), 0.3, 0);
        assertArrayEquals(new int[] {80, 720}, d.classCounts());
        float[] y = d.load(null).y();
        long ring = 0;
        for (float v : y) {
            ring += v == 0f ? 1 : 0;
        }
        assertEquals(80, ring);
        assertArrayEquals(new int[] {4, 3, 3}, shapes(10, List.of("ring", "disc", "cross"), null, 0, 0).classCounts(),
                "equal weights, the remainder to the first");
    }

    @Test
    void theClassesAreShuffledNotInBlocks() {
        float[] y = shapes(100, List.of("ring", "square"), null, 0.3, 0).load(null).y();
        float[] firstHalf = Arrays.copyOf(y, 50);
        float sum = 0;
        for (float v : firstHalf) {
            sum += v;
        }
        assertTrue(sum > 10 && sum < 40, "the first half holds both classes, found " + sum + " squares");
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        Table a = shapes(50, List.of("ring", "square"), null, 0.3, 7).load(null);
        Table b = shapes(50, List.of("ring", "square"), null, 0.3, 7).load(null);
        Table c = shapes(50, List.of("ring", "square"), null, 0.3, 8).load(null);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        assertFalse(Arrays.equals(a.x(), c.x()));
    }

    @Test
    void theResolvedSettingsListEveryGivenField() {
        ShapesData d = (ShapesData) SpecText.valid().with("loss", "xent")
                .with("data", "{synthetic: {generator: shapes, weights: [1, 3]}}").parse().data().get(0);
        assertEquals("{name=shapes, generator=shapes, samples=800, size=24, classes=[ring, square], weights=[1.0, 3.0], "
                + "noise=0.3, seed=0}", d.toMap().toString());
    }

    @Test
    void anImageShapeMustMatchTheFeatures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Table("t", "data.label", 1,
                List.of("a", "b"), new float[2], List.of("y"), new float[1], new ImageShape(1, 2, 2)));
        assertEquals("an image of 1x2x2 must have 4 features, found 2", e.getMessage());
    }

    @Test
    void anUnknownShapeIsRefusedWithASuggestion() {
        assertShapesRefused("data.synthetic.classes[1] must be one of ring, disc, square, cross, found \"sqare\"; "
                + "did you mean \"square\"?", "classes: [ring, sqare]");
    }

    @Test
    void aShapeIsNamedOnce() {
        assertShapesRefused("data.synthetic.classes[1] must differ from classes[0] (each shape once), "
                + "found \"ring\"", "classes: [ring, ring]");
    }

    @Test
    void thereAreAtLeastTwoShapes() {
        assertShapesRefused("data.synthetic.classes must name at least two shapes, each once, found 1 shape; "
                + "add a shape such as square", "classes: [ring]");
    }

    @Test
    void theWeightsNameEveryClass() {
        assertShapesRefused("data.synthetic.weights must give one weight per class (2), found 3 weights; "
                + "list as many weights as classes", "weights: [1, 2, 3]");
    }

    @Test
    void aWeightIsPositive() {
        assertShapesRefused("data.synthetic.weights[0] must be > 0 and finite, found 0", "weights: [0, 1]");
    }

    @Test
    void aWeightGivesItsClassAtLeastOneImage() {
        assertShapesRefused("data.synthetic.weights[0] must give class ring at least one of the 100 images, found 0.001; "
                + "raise the weight or the samples", "samples: 100, weights: [0.001, 1]");
    }

    @Test
    void theImageSizeHasARange() {
        assertShapesRefused("data.synthetic.size must be between 8 and 512, found 4", "size: 4");
    }

    @Test
    void theNoiseIsNotNegative() {
        assertShapesRefused("data.synthetic.noise must be >= 0 and finite, found -1", "noise: -1");
    }
}
