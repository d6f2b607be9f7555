package io.lossgrid.train;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J uses every core of the machine per JVM by default; when several trials train at once in one
 * JVM (Spark task slots), they then fight over the cores. This caps ND4J at one thread per training
 * thread, once per JVM. Launchers also set {@code OMP_NUM_THREADS=1}, which OpenBLAS reads at start.
 */
public final class Nd4jThreads {
    private static volatile boolean configured;

    private Nd4jThreads() {
    }

    public static void onePerTask() {
        if (configured) {
            return;
        }
        synchronized (Nd4jThreads.class) {
            if (!configured) {
                Nd4j.getEnvironment().setMaxThreads(1);
                Nd4j.getEnvironment().setMaxMasterThreads(1);
                configured = true;
            }
        }
    }
}
