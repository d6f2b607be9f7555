package io.lossgrid.device;

import java.io.Serializable;

/**
 * What a task needs of ND4J's backend to bind a device: which backend this build carries and how many CUDA
 * devices it sees. {@link Nd4jBackend#INSTANCE} is the real one; tests pass fakes.
 */
public interface Backend extends Serializable {
    /**
     * True for ND4J's CUDA backend (the {@code -Pcuda} build), false for the CPU one.
     *
     * @throws DeviceUnavailable when the backend does not load
     */
    boolean cuda();

    /** CUDA devices the backend sees; only asked of a CUDA backend. */
    int deviceCount();

    /** The device ND4J gives the calling thread by default; only asked of a CUDA backend. */
    int currentDevice();

    /** Binds the calling thread to CUDA device {@code ordinal}, before it creates any array. */
    void bindThread(int ordinal);
}
