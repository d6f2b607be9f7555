package io.lossgrid.bench;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's arithmetic ceiling for the MLP benchmark: float GEMMs of {@code size x size} matrices through ND4J
 * (OpenBLAS), with ND4J's default threads (every core), repeated for {@code seconds} after a warm-up. Prints
 * {@code gemm-peak: G GFLOP/s} (2·size³ flops per product).
 *
 * <pre>java -cp ... io.lossgrid.bench.GemmPeak [size] [seconds]</pre>
 */
public final class GemmPeak {
    private GemmPeak() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.rand(DataType.FLOAT, size, size);
        INDArray b = Nd4j.rand(DataType.FLOAT, size, size);
        INDArray c = Nd4j.create(DataType.FLOAT, size, size);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        long start = System.nanoTime();
        long products = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            products++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double gflops = 2.0 * size * size * (double) size * products / elapsed / 1e9;
        System.out.printf(Locale.ROOT, "gemm-peak: %.1f GFLOP/s (%d products of %d x %d floats in %.2f s, %d threads)%n",
                gflops, products, size, size, elapsed, Nd4j.getEnvironment().maxThreads());
    }
}
