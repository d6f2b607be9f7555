package io.lossgrid.data;

import java.io.Serializable;

/**
 * Refuses data whose arrays would be too large, before they are allocated: loading and preparing call it
 * with the shape they are about to allocate ({@code rows x (inputs + outputs)} floats). The spec's
 * {@code limits.maxDataBytes} is one ({@code limits::checkDataSize}); the data package does not know the
 * limit itself.
 */
@FunctionalInterface
public interface SizeGuard extends Serializable {
    /** No limit: for data whose size is known to be small (tests, the spec's own generators already checked). */
    SizeGuard UNLIMITED = (path, rows, inputs, outputs) -> { };

    /**
     * Throws a {@link io.lossgrid.base.SpecException} at {@code path} when arrays of this shape may not be allocated.
     *
     * @param path    where the data set sits in the spec ({@code data})
     * @param rows    examples
     * @param inputs  feature columns
     * @param outputs label columns as prepared (one per class for one-hot labels)
     */
    void check(String path, long rows, long inputs, long outputs);
}
