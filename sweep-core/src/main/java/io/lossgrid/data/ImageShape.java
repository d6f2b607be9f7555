package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.io.Serializable;
import java.util.List;

/**
 * The shape of one image example: {@code channels x height x width}, the order a convolution takes
 * (NCHW), each at least 1, the product (the example's inputs) within 32 bits.
 *
 * @param channels 1 (grey) or more (3 for RGB)
 * @param height   rows of pixels
 * @param width    columns of pixels
 */
public record ImageShape(int channels, int height, int width) implements Serializable {
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1 || (long) channels * height * width > Integer.MAX_VALUE) {
            throw new SpecException("shape", "must be [channels, height, width], each >= 1, their product at most "
                    + Integer.MAX_VALUE, List.of(channels, height, width).toString());
        }
    }

    /** A shape as a spec writes it: {@code [C, H, W]}, or {@code [H, W]} for one channel. */
    public static ImageShape of(List<Integer> dims) {
        if (dims.size() == 2) {
            return new ImageShape(1, dims.get(0), dims.get(1));
        }
        if (dims.size() == 3) {
            return new ImageShape(dims.get(0), dims.get(1), dims.get(2));
        }
        throw new SpecException("shape", "must be [channels, height, width] or [height, width]", dims.toString());
    }

    /** The values of one example: {@code channels x height x width}. */
    public int size() {
        return channels * height * width;
    }

    /** {@code [C, H, W]}, as {@code sweep.json} records it. */
    public List<Integer> toList() {
        return List.of(channels, height, width);
    }
}
