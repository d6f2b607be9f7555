package io.lossgrid.data;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.loss.LossKind;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        TrainingData d = t.prepare(LossKind.MSE);
        assertEquals(3, d.rows());
        assertEquals(1, d.inputs());
        assertEquals(1, d.outputs());
        assertSame(t.y(), d.y());
        assertEquals("t|mse", d.key());
    }

    @Test
    void underXentClassIndicesBecomeOneHotRows() {
        Table t = table(new float[] {0, 0, 0, 0}, List.of("class"), new float[] {2, 0, 1, 2});
        TrainingData d = t.prepare(LossKind.XENT);
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
        TrainingData d = table(new float[] {1, 2, 3}, List.of("a", "b"), y).prepare(LossKind.XENT);
        assertEquals(2, d.outputs());
        assertArrayEquals(y, d.y(), "soft labels summing to 1 are allowed");
    }

    @Test
    void aFractionalClassIndexIsRefused() {
        Table t = table(new float[] {0, 0, 0}, List.of("class"), new float[] {0, 1, 1.5f});
        assertRefused("data.label must hold class indices (integers from 0) for loss xent, found 1.5 in row 3",
                () -> t.prepare(LossKind.XENT));
    }

    @Test
    void aNegativeClassIndexIsRefused() {
        Table t = table(new float[] {0, 0}, List.of("class"), new float[] {-1, 1});
        assertRefused("data.label must hold class indices (integers from 0) for loss xent, found -1.0 in row 1",
                () -> t.prepare(LossKind.XENT));
    }

    @Test
    void aSingleClassIsRefused() {
        Table t = table(new float[] {0, 0}, List.of("class"), new float[] {0, 0});
        assertRefused("data.label must hold at least two classes for loss xent, found 1 class", () -> t.prepare(LossKind.XENT));
    }

    @Test
    void aOneHotValueOutsideZeroToOneIsRefused() {
        Table t = table(new float[] {0, 0}, List.of("a", "b"), new float[] {1, 0, 2, -1});
        assertRefused("data.label must hold one-hot rows (values in [0, 1] summing to 1) for loss xent, found 2.0 in row 2",
                () -> t.prepare(LossKind.XENT));
    }

    @Test
    void aOneHotRowNotSummingToOneIsRefused() {
        Table t = table(new float[] {0, 0}, List.of("a", "b"), new float[] {1, 0, 0.5f, 0.25f});
        assertRefused("data.label must hold one-hot rows (values in [0, 1] summing to 1) for loss xent, "
                + "found a row summing to 0.75 in row 2", () -> t.prepare(LossKind.XENT));
    }

    @Test
    void theLabelPathOfSyntheticDataIsItsGenerator() {
        Table blobs = new BlobsData(null, 4, 1, 2, 1, 1, 0).load(null);
        assertEquals("data.synthetic", blobs.labelPath());
        Table t = new Table("b", blobs.labelPath(), 2, List.of("x"), new float[] {0, 0}, List.of("class"), new float[] {0, 0.5f});
        assertRefused("data.synthetic must hold class indices (integers from 0) for loss xent, found 0.5 in row 2",
                () -> t.prepare(LossKind.XENT));
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
        TrainingData d = new TrainingData("t", LossKind.MSE, 3, 2, new float[] {1, 2, 3, 4, 5, 6}, 1, new float[] {7, 8, 9});
        DataSet ds = d.dataSet(DataType.DOUBLE);
        assertArrayEquals(new long[] {3, 2}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {3, 1}, ds.getLabels().shape());
        assertEquals(DataType.DOUBLE, ds.getFeatures().dataType());
        assertEquals(4.0, ds.getFeatures().getDouble(1, 1), "row-major");
        assertEquals(DataType.FLOAT, d.dataSet(DataType.FLOAT).getLabels().dataType());
    }
}
