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
        if (Loaded.FAILURE != null) {
            throw new DeviceUnavailable(Loaded.FAILURE);
        }
        return Loaded.CUDA;
    }

    /** ND4J's backend, loaded once per JVM: which one it is, or why it did not load. */
    private static final class Loaded {
        static final boolean CUDA;
        static final String FAILURE;

        static {
            // The CUDA runtime first: when ND4J fails to load it, ND4J logs the cause and reports only that no
            // backend is available, and a second attempt no longer sees the cause.
            String why = cudaRuntimeError();
            boolean cuda = false;
            if (why == null) {
                try {
                    cuda = Nd4j.getBackend().getClass().getName().contains("jcublas");
                } catch (RuntimeException | LinkageError e) {
                    why = firstLine(e);
                }
            }
            CUDA = cuda;
            FAILURE = why == null ? null : "ND4J's backend did not load on this executor (" + why + "); a -Pcuda build"
                    + " needs an NVIDIA driver and the CUDA 11.6 libraries on the worker (README, GPU executors), else"
                    + " run the CPU build";
        }
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

    /**
     * Why JavaCPP cannot load the CUDA runtime: {@code Class: message}, such as a missing {@code libcuda.so.1};
     * null when it loads or this build carries no CUDA.
     */
    static String cudaRuntimeError() {
        try {
            org.bytedeco.javacpp.Loader.load(Class.forName("org.bytedeco.cuda.global.cudart"));
            return null;
        } catch (ClassNotFoundException e) {
            return null;
        } catch (RuntimeException | LinkageError e) {
            return firstLine(e);
        }
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
