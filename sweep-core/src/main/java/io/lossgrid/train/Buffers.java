package io.lossgrid.train;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between a float or double ND4J array and a JVM {@code double[]} in the array's c order, through
 * the buffer's NIO view: one memory copy and one widening or narrowing loop, where ND4J's own {@code castTo},
 * {@code dup} and {@code Nd4j.create(double[])} each take a pass (the last one element by element). On a backend
 * whose arrays live on a device (CUDA), the host copy is brought up to date before a read and marked as the
 * current one after a write; on the CPU both are no-ops.
 */
final class Buffers {
    private Buffers() {
    }

    /** The values of {@code array} in c order, as doubles. */
    static double[] read(INDArray array) {
        INDArray a = contiguous(array) ? array : array.dup('c');
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
        int length = (int) a.length();
        double[] out = new double[length];
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer d = a.data().asNioDouble();
            d.position((int) a.offset());
            d.get(out);
        } else {
            FloatBuffer f = a.data().asNioFloat();
            f.position((int) a.offset());
            float[] tmp = new float[length];
            f.get(tmp);
            for (int i = 0; i < length; i++) {
                out[i] = tmp[i];
            }
        }
        return out;
    }

    /** Writes {@code values} (c order) into {@code array}, rounding to float where it is one. */
    static void write(double[] values, INDArray array) {
        if (!contiguous(array) || values.length != array.length()) {
            throw new IllegalArgumentException("Buffers.write needs a c-ordered array without gaps of " + values.length
                    + " values, found " + array.shapeInfoToString());
        }
        if (array.dataType() == DataType.DOUBLE) {
            DoubleBuffer d = array.data().asNioDouble();
            d.position((int) array.offset());
            d.put(values);
        } else {
            float[] tmp = new float[values.length];
            for (int i = 0; i < tmp.length; i++) {
                tmp[i] = (float) values[i];
            }
            FloatBuffer f = array.data().asNioFloat();
            f.position((int) array.offset());
            f.put(tmp);
        }
        Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
    }

    private static boolean contiguous(INDArray a) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1
                && (a.dataType() == DataType.DOUBLE || a.dataType() == DataType.FLOAT)
                && a.length() <= Integer.MAX_VALUE;
    }
}
