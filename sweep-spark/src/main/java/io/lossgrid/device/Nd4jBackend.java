package io.lossgrid.device;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's backend as loaded in this JVM: {@code CpuBackend} (nd4j-native) or {@code JCublasBackend}
 * (nd4j-cuda, the {@code -Pcuda} build). Loading it is what fails on a CUDA build without a usable driver;
 * that failure becomes a {@link DeviceUnavailable} naming its cause.
 */
public enum Nd4jBackend implements Backend {
    INSTANCE;

    @Override
    public boolean cuda() {
        String name;
        try {
            name = Nd4j.getBackend().getClass().getName();
        } catch (RuntimeException | LinkageError e) {
            throw new DeviceUnavailable("ND4J's backend did not load on this executor (" + firstLine(e)
                    + "); a -Pcuda build needs an NVIDIA driver and the CUDA 11.6 libraries on the worker"
                    + " (README, GPU executors), else run the CPU build");
        }
        return name.contains("jcublas");
    }

    @Override
    public int deviceCount() {
        return Nd4j.getAffinityManager().getNumberOfDevices();
    }

    @Override
    public int currentDevice() {
        return Nd4j.getAffinityManager().getDeviceForCurrentThread();
    }

    @Override
    public void bindThread(int ordinal) {
        Nd4j.getAffinityManager().unsafeSetDevice(ordinal);
    }

    /** {@code Class: message}, the message cut at its first line break, so an error stays one line. */
    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + ": " + message;
    }
}
