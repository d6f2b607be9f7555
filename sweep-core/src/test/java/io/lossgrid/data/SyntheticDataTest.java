package io.lossgrid.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded generators: the same seed gives the same data, another seed other data. */
class SyntheticDataTest {

    private static LinearData linear(long seed, double noise) {
        return new LinearData(null, 500, 1, List.of(2.0), 1.0, noise, seed);
    }

    private static BlobsData blobs(long seed) {
        return new BlobsData(null, 300, 2, 3, 3.0, 1.0, seed);
    }

    @Test
    void linearDataIsTheSameForTheSameSeed() {
        Table a = linear(5, 0.1).load(null);
        Table b = linear(5, 0.1).load(null);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        assertEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void linearDataDiffersAcrossSeeds() {
        Table a = linear(5, 0.1).load(null);
        Table b = linear(6, 0.1).load(null);
        assertFalse(Arrays.equals(a.x(), b.x()));
        assertFalse(Arrays.equals(a.y(), b.y()));
    }

    @Test
    void noiseFreeLinearDataLiesOnItsLineWithFeaturesInMinusOneToOne() {
        Table t = new LinearData(null, 400, 2, List.of(3.0, -0.5), -2.0, 0.0, 1).load(null);
        assertEquals(List.of("x1", "x2"), t.features());
        assertEquals(List.of("y"), t.labels());
        for (int i = 0; i < t.rows(); i++) {
            float x1 = t.x()[2 * i];
            float x2 = t.x()[2 * i + 1];
            assertTrue(x1 >= -1 && x1 < 1 && x2 >= -1 && x2 < 1);
            assertEquals(3.0 * x1 - 0.5 * x2 - 2.0, t.y()[i], 1e-5);
        }
        assertEquals(List.of("x"), linear(1, 0).load(null).features(), "one feature is called x");
    }

    @Test
    void linearNoiseHasTheAskedStandardDeviation() {
        LinearData spec = new LinearData(null, 20_000, 1, List.of(2.0), 1.0, 0.5, 11);
        Table t = spec.load(null);
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < t.rows(); i++) {
            double r = t.y()[i] - (2.0 * t.x()[i] + 1.0);
            sum += r;
            sq += r * r;
        }
        double mean = sum / t.rows();
        double sd = Math.sqrt(sq / t.rows() - mean * mean);
        // Standard error of the mean 0.5/sqrt(20000) = 0.0035, of the sd about 0.0025: bounds of 4 to 6 errors.
        assertEquals(0.0, mean, 0.02);
        assertEquals(0.5, sd, 0.015);
    }

    @Test
    void blobsAreTheSameForTheSameSeedAndDifferAcrossSeeds() {
        assertArrayEquals(blobs(3).load(null).x(), blobs(3).load(null).x());
        assertFalse(Arrays.equals(blobs(3).load(null).x(), blobs(4).load(null).x()));
        assertArrayEquals(blobs(3).load(null).y(), blobs(4).load(null).y(), "labels depend on the index only");
    }

    @Test
    void exampleIBelongsToClassIModK() {
        Table t = blobs(1).load(null);
        assertEquals(List.of("class"), t.labels());
        assertEquals(List.of("x1", "x2"), t.features());
        for (int i = 0; i < t.rows(); i++) {
            assertEquals(i % 3, t.y()[i]);
        }
    }

    @Test
    void blobCentresLieOnACircleOfTheSeparation() {
        // 3 classes, separation 3: centres at angles 0, 120 and 240 degrees; 100 points each, spread 1,
        // so each class mean is within about 0.1 (one standard error) of its centre.
        Table t = blobs(2).load(null);
        for (int k = 0; k < 3; k++) {
            double mx = 0;
            double my = 0;
            for (int i = k; i < t.rows(); i += 3) {
                mx += t.x()[2 * i];
                my += t.x()[2 * i + 1];
            }
            mx /= 100;
            my /= 100;
            double angle = 2 * Math.PI * k / 3;
            assertEquals(3 * Math.cos(angle), mx, 0.4, "class " + k);
            assertEquals(3 * Math.sin(angle), my, 0.4, "class " + k);
        }
    }

    @Test
    void oneFeatureBlobsLieOnALineAroundZero() {
        Table t = new BlobsData(null, 3000, 1, 3, 4.0, 0.1, 0).load(null);
        double[] mean = new double[3];
        for (int i = 0; i < t.rows(); i++) {
            mean[i % 3] += t.x()[i] / 1000.0;
        }
        assertEquals(-4.0, mean[0], 0.02);
        assertEquals(0.0, mean[1], 0.02);
        assertEquals(4.0, mean[2], 0.02);
    }

    @Test
    void featuresBeyondTheSecondArePureNoise() {
        Table t = new BlobsData(null, 3000, 3, 3, 5.0, 1.0, 0).load(null);
        for (int k = 0; k < 3; k++) {
            double m = 0;
            for (int i = k; i < t.rows(); i += 3) {
                m += t.x()[3 * i + 2] / 1000.0;
            }
            assertEquals(0.0, m, 0.15, "class " + k);
        }
    }
}
