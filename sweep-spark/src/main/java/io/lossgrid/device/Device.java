package io.lossgrid.device;

import java.io.Serializable;

/**
 * What a trial really trained on: the CPU, one CUDA device, or nothing (its task's device could not be bound,
 * and the trial FAILED). Its {@link #label()} is the trials table's {@code device} column.
 */
public sealed interface Device extends Serializable {
    /** The CPU (ND4J's nd4j-native backend). */
    Device CPU = new Cpu();

    /** No device: binding the task's device failed, so nothing trained. */
    Device NONE = new None();

    /** {@code cpu}, {@code cuda:N} or {@code none}. */
    String label();

    /** Nothing: the task's device could not be bound. */
    record None() implements Device {
        @Override
        public String label() {
            return "none";
        }
    }

    /** The CPU, with ND4J's CPU backend. */
    record Cpu() implements Device {
        @Override
        public String label() {
            return "cpu";
        }
    }

    /**
     * CUDA device {@code ordinal}, as ND4J's CUDA backend numbers them.
     *
     * @param ordinal the device index, at least 0
     */
    record Cuda(int ordinal) implements Device {
        public Cuda {
            if (ordinal < 0) {
                throw new IllegalArgumentException("device.ordinal must be >= 0, found " + ordinal);
            }
        }

        @Override
        public String label() {
            return "cuda:" + ordinal;
        }
    }
}
