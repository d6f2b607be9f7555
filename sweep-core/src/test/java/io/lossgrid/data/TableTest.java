package io.lossgrid.data;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/** How a loaded table meets a loss. */
class TableTest {

    private static Table table(float[] x, List<String> labels, float[] y) {
        return new Table("t", "data.label", y.length / labels.size(), List.of("x"), x, labels, y);
    }

    @Test
    void underMseTheLabelsAreTheTargets() {
        Table t = table(new float[] {1, 2, 3}, List.of("y"), new float[] {0.5f, 1.5f, 2.5f});
        TrainingData d = t.prepare(new Loss.Mse());
        assertEquals(3, d.rows());
        assertEquals(1, d.inputs());
        assertEquals(1, d.outputs());
        assertSame(t.y(), d.y());
        assertEquals("t|mse", d.key());
    }

    @Test
    void underXentClassIndicesBecomeOneHotRows() {
        Table t = table(new float[] {0, 0, 0, 0}, List.of("class"), new float[] {2, 0, 1, 2});
        TrainingData d = t.prepare(new Loss.Xent());
        assertEquals(3, d.outputs(), "as many outputs as the largest index + 1");
        assertArrayEquals(new float[] {
                0, 0, 1,
                1, 0, 0,
                0, 1, 0,
                0, 0, 1}, d.y());
        assertEquals("t|xent", d.key());
    }

    @Test
    void underXentOneHotColumnsPassThrough() {
        float[] y = {1, 0, 0, 1, 0.25f, 0.75f};
        TrainingData d = table(new float[] {1, 2, 3}, List.of("a", "b"), y).prepare(new Loss.Xent());
        assertEquals(2, d.outputs());
        assertArrayEquals(y, d.y(), "soft labels summing to 1 are allowed");
    }

    @Test
    void aFractionalClassIndexIsRefused() {
        Table t = table(new float[] {0, 0, 0}, List.of("class"), new float[] {0, 1, 1.5f});
        assertRefused("data.label must hold class indices (integers from 0) for loss xent, found 1.5 in row 3",
                () -> t.prepare(new Loss.Xent()));
    }

    @Test
    void aNegativeClassIndexIsRefused() {
        Table t = table(new float[] {0, 0}, List.of("class"), new float[] {-1, 1});
        assertRefused("data.label must hold class indices (integers from 0) for loss xent, found -1.0 in row 1",
                () -> t.prepare(new Loss.Xent()));
    }

    @Test
    void aSingleClassIsRefused() {
        Table t = table(new float[] {0, 0}, List.of("class"), new float[] {0, 0});
        assertRefused("data.label must hold at least two classes for loss xent, found 1 class", () -> t.prepare(new Loss.Xent()));
    }

    @Test
    void aOneHotValueOutsideZeroToOneIsRefused() {
        Table t = table(new float[] {0, 0}, List.of("a", "b"), new float[] {1, 0, 2, -1});
        assertRefused("data.label must hold one-hot rows (values in [0, 1] summing to 1) for loss xent, found 2.0 in row 2",
                () -> t.prepare(new Loss.Xent()));
    }

    @Test
    void aOneHotRowNotSummingToOneIsRefused() {
        Table t = table(new float[] {0, 0}, List.of("a", "b"), new float[] {1, 0, 0.5f, 0.25f});
        assertRefused("data.label must hold one-hot rows (values in [0, 1] summing to 1) for loss xent, "
                + "found a row summing to 0.75 in row 2", () -> t.prepare(new Loss.Xent()));
    }

    @Test
    void theLabelPathOfSyntheticDataIsItsGenerator() {
        Table blobs = new BlobsData(null, 4, 1, 2, 1, 1, 0).load(null);
        assertEquals("data.synthetic", blobs.labelPath());
        Table t = new Table("b", blobs.labelPath(), 2, List.of("x"), new float[] {0, 0}, List.of("class"), new float[] {0, 0.5f});
        assertRefused("data.synthetic must hold class indices (integers from 0) for loss xent, found 0.5 in row 2",
                () -> t.prepare(new Loss.Xent()));
    }

    @Test
    void labelsWhoseSquaresOverflowFloatAreRefusedInFloat() {
        Table t = table(new float[] {1, 2}, List.of("y"), new float[] {1e30f, -2e30f});
        assertRefused("training.dtype float must hold the squares of the data summed over its rows (at most 3.4028235E38), "
                + "found column \"y\" of data \"t\" reaching -2.0E30 (squares summing to 5.00e+60); "
                + "rescale the data or set training.dtype: double", () -> t.prepare(new Loss.Mse(), DataType.FLOAT));
    }

    @Test
    void featuresWhoseSquaresOverflowFloatAreRefusedInFloatEvenUnderXent() {
        Table t = table(new float[] {3e19f, 3e19f}, List.of("class"), new float[] {0, 1});
        assertRefused("training.dtype float must hold the squares of the data summed over its rows (at most 3.4028235E38), "
                + "found column \"x\" of data \"t\" reaching 3.0E19 (squares summing to 1.80e+39); "
                + "rescale the data or set training.dtype: double", () -> t.prepare(new Loss.Xent(), DataType.FLOAT));
    }

    @Test
    void dataThatOverflowsFloatTrainsInDouble() {
        Table t = table(new float[] {1, 2}, List.of("y"), new float[] {1e30f, -2e30f});
        TrainingData d = t.prepare(new Loss.Mse(), DataType.DOUBLE);
        assertArrayEquals(new float[] {1e30f, -2e30f}, d.y());
    }

    @Test
    void theOverflowCountsTheSumOverRowsNotOnlyTheLargestValue() {
        float v = 1e19f;
        Table few = table(new float[] {v, v}, List.of("y"), new float[] {0, 0});
        Table many = table(new float[] {v, v, v, v}, List.of("y"), new float[] {0, 0, 0, 0});
        assertEquals(Optional.empty(), few.floatOverflow(), "2e38 fits");
        assertSame(few.x(), few.prepare(new Loss.Mse(), DataType.FLOAT).x());
        assertEquals(Optional.of("column \"x\" of data \"t\" reaches 1.0E19, its squares summing to 4.00e+38 beyond float's "
                + "3.4028235E38: with training.dtype float every trial's loss overflows; rescale the data or set training.dtype: double"),
                many.floatOverflow());
    }

    @Test
    void withoutADtypePreparingDataThatOverflowsFloatStillSucceeds() {
        Table t = table(new float[] {1, 2}, List.of("y"), new float[] {1e30f, 1e30f});
        assertTrue(t.floatOverflow().isPresent(), "prepare(loss) warns with this line");
        assertSame(t.y(), t.prepare(new Loss.Mse()).y());
    }

    @Test
    void csvValuesAround1e30AreRefusedBeforeAnyTrialInsteadOfDivergingAtEpochZero(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("big.csv"), "x,y\n1,1e30\n2,2e30\n");
        Table t = new CsvData(null, "big.csv", List.of("x"), List.of("y")).load(dir);
        assertRefused("training.dtype float must hold the squares of the data summed over its rows (at most 3.4028235E38), "
                + "found column \"y\" of data \"big\" reaching 2.0E30 (squares summing to 5.00e+60); "
                + "rescale the data or set training.dtype: double", () -> t.prepare(new Loss.Mse(), DataType.FLOAT));
    }

    @Test
    void aTableWhoseArraysDoNotMatchItsShapeCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class,
                () -> new Table("t", "data.label", 2, List.of("x"), new float[] {1, 2, 3}, List.of("y"), new float[] {1, 2}));
    }

    @Test
    void theFingerprintChangesWithAnyValue() {
        Table a = table(new float[] {1, 2}, List.of("y"), new float[] {3, 4});
        Table b = table(new float[] {1, 2}, List.of("y"), new float[] {3, 4.0001f});
        assertEquals(a.fingerprint(), table(new float[] {1, 2}, List.of("y"), new float[] {3, 4}).fingerprint());
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertEquals(64, a.fingerprint().length());
    }

    @Test
    void aDataSetHasTheTableShapeAndTheAskedPrecision() {
        TrainingData d = new TrainingData("t", new Loss.Mse(), 3, 2, new float[] {1, 2, 3, 4, 5, 6}, 1, new float[] {7, 8, 9});
        DataSet ds = d.dataSet(DataType.DOUBLE);
        assertArrayEquals(new long[] {3, 2}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {3, 1}, ds.getLabels().shape());
        assertEquals(DataType.DOUBLE, ds.getFeatures().dataType());
        assertEquals(4.0, ds.getFeatures().getDouble(1, 1), "row-major");
        assertEquals(DataType.FLOAT, d.dataSet(DataType.FLOAT).getLabels().dataType());
    }
}
