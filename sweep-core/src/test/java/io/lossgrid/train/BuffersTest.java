package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Bulk copies between ND4J arrays and JVM arrays: views at an offset, other orders, both working types. */
class BuffersTest {
    static INDArray counting(DataType type) {
        return Nd4j.linspace(type, 0, 24, 1).reshape('c', 2, 3, 4);
    }

    @Test
    void aSliceAtAnOffsetIsReadInItsOwnCOrderInFloatAndDouble() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray second = counting(type).get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all());
            double[] expected = new double[12];
            for (int i = 0; i < 12; i++) {
                expected[i] = 12 + i;
            }
            assertArrayEquals(expected, Buffers.read(second), 0, type.toString());
        }
    }

    @Test
    void aPermutedViewIsReadInItsLogicalOrder() {
        INDArray t = counting(DataType.FLOAT).permute(0, 2, 1);
        assertArrayEquals(t.dup('c').castTo(DataType.DOUBLE).data().asDouble(), Buffers.read(t), 0);
    }

    @Test
    void aWriteFillsOnlyTheSliceItNamesRoundingToFloat() {
        INDArray whole = counting(DataType.FLOAT);
        INDArray first = whole.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray second = whole.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all());
        double[] values = new double[12];
        java.util.Arrays.fill(values, 0.1);
        Buffers.write(values, second);
        assertEquals(0.1f, second.getFloat(2, 3));
        assertEquals(11f, first.getFloat(2, 3), "the slice before it is untouched");
    }

    @Test
    void aWriteIntoAViewWithGapsOrOfAnotherLengthIsRefused() {
        INDArray t = counting(DataType.FLOAT).permute(0, 2, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> Buffers.write(new double[24], t));
        assertEquals("Buffers.write needs a c-ordered array without gaps of 24 values, found ",
                e.getMessage().substring(0, e.getMessage().indexOf("found ") + "found ".length()));
        assertThrows(IllegalArgumentException.class, () -> Buffers.write(new double[5], counting(DataType.FLOAT)));
    }
}
