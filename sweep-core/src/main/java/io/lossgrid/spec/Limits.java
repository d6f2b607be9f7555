package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Types;
import java.io.Serializable;
import java.util.Map;

/**
 * Guards of a sweep. Its fields are declared once in {@link #FIELDS}.
 *
 * @param maxTrials      the most trials a grid may expand to (default {@value #DEFAULT_MAX_TRIALS})
 * @param maxFailedShare the sweep stops early once more than this share of finished trials are FAILED
 *                       (thrown, not diverged), judged after at least {@value #MIN_FINISHED_FOR_STOP}
 *                       trials finished (default {@value #DEFAULT_MAX_FAILED_SHARE})
 * @param maxDataBytes   the most memory one data set's x and y arrays may take as float, checked before
 *                       the data is generated or loaded (default {@value #DEFAULT_MAX_DATA_BYTES}, 1 GiB)
 */
public record Limits(int maxTrials, double maxFailedShare, long maxDataBytes) implements Serializable {
    public static final int DEFAULT_MAX_TRIALS = 1_000_000;
    public static final double DEFAULT_MAX_FAILED_SHARE = 0.5;
    public static final long DEFAULT_MAX_DATA_BYTES = 1L << 30;
    public static final int MIN_FINISHED_FOR_STOP = 10;

    public static final Field<Integer> MAX_TRIALS = Field.withDefault("maxTrials", Types.INT, DEFAULT_MAX_TRIALS,
            "the grid may expand to at most this many trials").rule("must be >= 1", v -> v >= 1);
    public static final Field<Double> MAX_FAILED_SHARE = Field.withDefault("maxFailedShare", Types.NUMBER,
                    DEFAULT_MAX_FAILED_SHARE, "stop early once more than this share of finished trials FAILED "
                            + "(judged from " + MIN_FINISHED_FOR_STOP + " finished trials on)")
            .rule("must be in (0, 1]", v -> v > 0 && v <= 1);
    public static final Field<Long> MAX_DATA_BYTES = Field.withDefault("maxDataBytes", Types.LONG, DEFAULT_MAX_DATA_BYTES,
                    "the most bytes one data set's x and y arrays may take in memory as float, checked before "
                            + "generating or loading it")
            .rule("must be >= 1", v -> v >= 1);

    /** The {@code limits} section. */
    public static final Section FIELDS = Section.of(MAX_TRIALS, MAX_FAILED_SHARE, MAX_DATA_BYTES);

    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_TRIALS, DEFAULT_MAX_FAILED_SHARE, DEFAULT_MAX_DATA_BYTES);

    public Limits {
        MAX_TRIALS.check(maxTrials);
        MAX_FAILED_SHARE.check(maxFailedShare);
        MAX_DATA_BYTES.check(maxDataBytes);
    }

    /** Limits with the default {@code maxDataBytes}. */
    public Limits(int maxTrials, double maxFailedShare) {
        this(maxTrials, maxFailedShare, DEFAULT_MAX_DATA_BYTES);
    }

    /** True once {@code failed} of {@code finished} trials is a share this sweep should stop at. */
    public boolean poisoned(long failed, long finished) {
        return finished >= MIN_FINISHED_FOR_STOP && failed > maxFailedShare * finished;
    }

    /**
     * Refuses a data set whose x and y arrays ({@code rows x (inputs + outputs)} floats, counted in long
     * arithmetic) would take more than {@code maxDataBytes}; call it before allocating them.
     *
     * @param path where the data set sits in the spec ({@code data}, {@code data[1]})
     */
    public void checkDataSize(String path, long rows, long inputs, long outputs) {
        long bytes = dataBytes(rows, inputs, outputs);
        if (bytes > maxDataBytes) {
            throw new SpecException(path, "must fit in limits.maxDataBytes = " + maxDataBytes
                    + " bytes (its x and y arrays as float)", bytes == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE
                    + " bytes" : bytes + " bytes (" + rows + " rows x (" + inputs + " inputs + " + outputs
                    + " outputs) x 4 bytes)");
        }
    }

    /** {@code rows x (inputs + outputs) x 4}, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    static long dataBytes(long rows, long inputs, long outputs) {
        long width = inputs + outputs; // each at most a few hundred thousand: no overflow here
        if (rows <= 0 || width <= 0) {
            return 0;
        }
        return width <= Long.MAX_VALUE / Float.BYTES / rows ? rows * width * Float.BYTES : Long.MAX_VALUE;
    }

    /** The resolved limits, defaults filled in, in declaration order. */
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    static Limits parse(Node node) {
        if (node == null) {
            return DEFAULT;
        }
        Section.Values v = FIELDS.read(node);
        int maxTrials = v.get(MAX_TRIALS);
        double share = v.get(MAX_FAILED_SHARE);
        long bytes = v.get(MAX_DATA_BYTES);
        return node.build(() -> new Limits(maxTrials, share, bytes));
    }
}
