package io.lossgrid.data;

import java.io.Serializable;

/**
 * The shape of image examples stored as flat rows: {@code channels x height x width} values per example,
 * row-major in channel, row, column order (CHW), so pixel {@code (c, r, k)} of an example is feature
 * {@code (c * height + r) * width + k}.
 *
 * @param channels colour channels, 1 for grayscale
 * @param height   rows of pixels
 * @param width    columns of pixels
 */
public record ImageShape(int channels, int height, int width) implements Serializable {

    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("an image shape must be at least 1x1x1, found " + channels + "x" + height
                    + "x" + width);
        }
    }

    /** Values per example: channels x height x width, the width of a flat row. */
    public int pixels() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    /** {@code 1x24x24}: channels x height x width. */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
