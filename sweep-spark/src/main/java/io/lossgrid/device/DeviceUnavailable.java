package io.lossgrid.device;

/**
 * A task cannot train on the device it was given: ND4J's backend did not load, or the GPU Spark assigned is
 * not one ND4J sees. The message is one line naming the cause and the fix; the task turns it into FAILED
 * rows for its trials instead of failing the executor.
 */
public final class DeviceUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeviceUnavailable(String message) {
        super(message);
    }
}
