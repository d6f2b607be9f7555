package io.lossgrid.device;

import java.io.Serializable;
import java.util.Map;

/**
 * The device a task trains its trials on, and the GPU Spark assigned to it: the trials table's {@code device}
 * and {@code gpu_address} columns.
 *
 * <p>{@link #bind} maps the task's resources to a device: on the CPU backend every task trains on the CPU,
 * whatever it was assigned (the address is still recorded, and the driver warns); on the CUDA backend a task
 * with GPU address {@code N} binds its thread to CUDA device {@code N} (Spark's addresses are the indices
 * {@code nvidia-smi} prints, ND4J's ordinals when {@code CUDA_VISIBLE_DEVICES} is unset), and a task assigned
 * none trains on ND4J's default device for its thread. A task assigned several GPUs trains on the first.
 *
 * @param device     what the trials really trained on
 * @param gpuAddress the GPU addresses Spark assigned to the task, comma-separated; null when none was
 */
public record TaskDevice(Device device, String gpuAddress) implements Serializable {
    /** Spark's name of the GPU resource, as in {@code spark.task.resource.gpu.amount}. */
    public static final String GPU = "gpu";

    /** A task with no GPU on the CPU backend. */
    public static final TaskDevice CPU = new TaskDevice(Device.CPU, null);

    public TaskDevice {
        if (device == null) {
            throw new IllegalArgumentException("taskDevice.device must be given, found null");
        }
        if (gpuAddress != null && gpuAddress.isBlank()) {
            throw new IllegalArgumentException("taskDevice.gpuAddress must be null or an address, found \"" + gpuAddress
                    + "\"");
        }
    }

    /** True when Spark assigned a GPU that the trials did not train on (the CPU build). */
    public boolean gpuUnused() {
        return gpuAddress != null && device instanceof Device.Cpu;
    }

    /**
     * Binds the calling thread to the device {@code resources} assign, before any ND4J array is created in it.
     *
     * @param resources the task's resources, name to addresses (Spark's {@code TaskContext.resources()})
     * @param backend   ND4J's backend of this build
     * @return the device the trials will train on and the address Spark assigned
     * @throws DeviceUnavailable when the backend does not load, or the assigned address is not a CUDA device
     *                           it sees (one line, naming the address and the devices)
     */
    public static TaskDevice bind(Map<String, String[]> resources, Backend backend) {
        String[] addresses = resources.getOrDefault(GPU, new String[0]);
        String joined = joined(resources);
        if (!backend.cuda()) {
            return new TaskDevice(Device.CPU, joined);
        }
        if (addresses.length == 0) {
            return new TaskDevice(new Device.Cuda(backend.currentDevice()), null);
        }
        int ordinal = ordinal(addresses[0]);
        int count = backend.deviceCount();
        if (ordinal >= count) {
            throw new DeviceUnavailable("gpu address \"" + addresses[0] + "\" names CUDA device " + ordinal
                    + ", but ND4J sees " + count + " device(s)" + (count > 0 ? " (0 to " + (count - 1) + ")" : "")
                    + "; make the worker's discovery script list only the GPUs of its host"
                    + " (or unset CUDA_VISIBLE_DEVICES for the executors)");
        }
        backend.bindThread(ordinal);
        return new TaskDevice(new Device.Cuda(ordinal), joined);
    }

    /** A task whose device could not be bound: no device, and the GPU addresses {@code resources} assign. */
    public static TaskDevice unbound(Map<String, String[]> resources) {
        return new TaskDevice(Device.NONE, joined(resources));
    }

    private static String joined(Map<String, String[]> resources) {
        String[] addresses = resources.getOrDefault(GPU, new String[0]);
        return addresses.length == 0 ? null : String.join(",", addresses);
    }

    private static int ordinal(String address) {
        if (!address.matches("[0-9]{1,4}")) {
            throw new DeviceUnavailable("gpu address must be a CUDA device index such as 0 (as nvidia-smi's"
                    + " index), found \"" + address.replaceAll("\\p{Cntrl}", "?") + "\"; fix the worker's GPU discovery script");
        }
        return Integer.parseInt(address);
    }
}
