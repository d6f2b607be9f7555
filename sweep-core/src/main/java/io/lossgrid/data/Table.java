package io.lossgrid.data;

import io.lossgrid.loss.Loss;
import io.lossgrid.base.SpecException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded data set before it meets a loss: {@code rows} examples, feature matrix {@code x}
 * (row-major, {@code rows x features.size()}) and label matrix {@code y} (row-major,
 * {@code rows x labels.size()}), as read from a CSV file or generated.
 *
 * @param name      the data set's name in specs and tables
 * @param labelPath the spec path of the label, for error messages
 * @param image     the shape of each row as an image (features = channels x height x width, CHW order), or
 *                  null for data that is not images
 */
public record Table(String name, String labelPath, int rows, List<String> features, float[] x, List<String> labels,
                    float[] y, ImageShape image) implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(Table.class);
    /** The most values one Java array may hold on common JVMs. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    public Table {
        features = List.copyOf(features);
        labels = List.copyOf(labels);
        if ((long) rows * features.size() != x.length || (long) rows * labels.size() != y.length) {
            throw new IllegalArgumentException("x and y must hold rows x columns values");
        }
        if (image != null && image.pixels() != features.size()) {
            throw new IllegalArgumentException("an image of " + image + " must have " + image.pixels() + " features, found "
                    + features.size());
        }
    }

    /** A table that is not images. */
    public Table(String name, String labelPath, int rows, List<String> features, float[] x, List<String> labels, float[] y) {
        this(name, labelPath, rows, features, x, labels, y, null);
    }

    /**
     * The data as a trial of loss {@code loss} sees it, for a caller that does not know the precision trials
     * train in: like {@link #prepare(Loss, DataType)}, except that data that overflows float is not refused
     * but named in one WARN line ({@link #floatOverflow()}), since trials in double precision train on it.
     *
     * @throws SpecException naming the label when its values do not fit the loss
     */
    public TrainingData prepare(Loss loss) {
        floatOverflow().ifPresent(LOG::warn);
        return prepareFor(loss, "loss", SizeGuard.UNLIMITED);
    }

    /**
     * {@link #prepare(Loss, DataType, String, SizeGuard)} for a spec whose only loss is {@code loss}, without
     * a size limit (for data already known to be small).
     */
    public TrainingData prepare(Loss loss, DataType dtype) {
        return prepare(loss, dtype, "loss", SizeGuard.UNLIMITED);
    }

    /**
     * The data as a trial of loss {@code loss} in precision {@code dtype} sees it; the labels are prepared as
     * {@link Loss#labels()} says:
     * <ul>
     *   <li>{@code VALUES} ({@code mse}, {@code mae}): the label columns as they are.
     *   <li>{@code BINARY} ({@code bce}): the label columns as they are, each value 0 or 1.
     *   <li>{@code ONE_HOT} ({@code xent}): one label column of class indices (integers from 0, below the
     *       number of class weights when the loss has them) becomes one-hot rows, one column per class
     *       (the largest index + 1, which class weights must match); several label columns must be one-hot
     *       rows already.
     *   <li>{@code BINARY_OR_ONE_HOT} ({@code focal}): one label column holding only 0 and 1, and a loss
     *       without class weights, stays one output (the sigmoid focal loss); otherwise as {@code ONE_HOT}
     *       (the softmax focal loss).
     * </ul>
     * Then {@link Loss#checkOutputs} checks the loss's parameters against the number of outputs.
     *
     * <p>In {@code float}, a column whose squares summed over the rows exceed {@link Float#MAX_VALUE} is
     * refused: the loss (a sum of squares under {@code mse}, of logits' exponentials under {@code xent}) and the
     * gradients overflow, and every trial would be DIVERGED at epoch 0 or 1. {@code double} holds such sums.
     *
     * @param lossPath where the loss sits in the spec ({@code loss}, {@code loss[2]}), for its errors
     * @param guard    checks the size of one-hot labels before they are allocated
     * @throws SpecException naming the label (and the row) when its values do not fit the loss, the loss's
     *                       parameter that does not fit the data, {@code training.dtype} when the data overflows
     *                       float, or {@code data} when one-hot labels would be too large
     */
    public TrainingData prepare(Loss loss, DataType dtype, String lossPath, SizeGuard guard) {
        if (dtype == DataType.FLOAT) {
            Overflow o = overflow();
            if (o != null) {
                throw new SpecException("training.dtype", "float must hold the squares of the data summed over its rows (at most "
                        + Float.MAX_VALUE + ")", o.where(name) + " reaching " + o.largest() + " (squares summing to " + o.sum() + ")",
                        "rescale the data or set training.dtype: double");
            }
        }
        return prepareFor(loss, lossPath, guard);
    }

    /**
     * One line naming the first column (features before labels) whose squares summed over the rows exceed
     * {@link Float#MAX_VALUE}, and what that does to trials in float; empty when every column fits.
     */
    public Optional<String> floatOverflow() {
        Overflow o = overflow();
        return o == null ? Optional.empty() : Optional.of(o.where(name) + " reaches " + o.largest() + ", its squares summing to "
                + o.sum() + " beyond float's " + Float.MAX_VALUE + ": with training.dtype float every trial's loss overflows; "
                + "rescale the data or set training.dtype: double");
    }

    private TrainingData prepareFor(Loss loss, String lossPath, SizeGuard guard) {
        TrainingData prepared = switch (loss.labels()) {
            case VALUES -> new TrainingData(name, loss, rows, features.size(), x, labels.size(), y, image);
            case BINARY -> binary(loss);
            case ONE_HOT -> oneHot(loss, guard);
            case BINARY_OR_ONE_HOT -> labels.size() == 1 && loss.classWeights().isEmpty() && zeroOrOne()
                    ? binary(loss) : oneHot(loss, guard);
        };
        try {
            loss.checkOutputs(prepared.outputs());
        } catch (SpecException e) {
            SpecException at = e.under(lossPath);
            throw new SpecException(at.path(), at.rule(), at.found() + " for data " + SpecException.render(name)
                    + " (" + labelPath + ")");
        }
        return prepared;
    }

    private boolean zeroOrOne() {
        for (float v : y) {
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    private TrainingData binary(Loss loss) {
        int m = labels.size();
        for (int k = 0; k < y.length; k++) {
            float v = y[k];
            if (v != 0 && v != 1) {
                throw new SpecException(labelPath, "must hold 0 or 1 for loss " + loss.name(), v + " in row " + (k / m + 1)
                        + (m == 1 ? "" : " (column " + CsvCell.quote(labels.get(k % m)) + ")"));
            }
        }
        return new TrainingData(name, loss, rows, features.size(), x, m, y, image);
    }

    private TrainingData oneHot(Loss loss, SizeGuard guard) {
        int m = labels.size();
        String lossName = loss.name();
        int weighted = loss.classWeights().size();
        if (m > 1) {
            checkOneHotRows(lossName);
            return new TrainingData(name, loss, rows, features.size(), x, m, y, image);
        }
        int limit = weighted > 0 ? weighted : BlobsData.MAX_CLASSES;
        int classes = 0;
        for (int i = 0; i < rows; i++) {
            float v = y[i];
            if (!(v >= 0) || v != Math.rint(v)) {
                throw new SpecException(labelPath, "must hold class indices (integers from 0) for loss " + lossName,
                        v + " in row " + (i + 1));
            }
            if (v >= limit) {
                throw new SpecException(labelPath, "must hold class indices below " + limit + " for loss " + lossName
                        + (weighted > 0 ? " (one class weight per class)" : ""), (long) v + " in row " + (i + 1));
            }
            classes = Math.max(classes, (int) v + 1);
        }
        if (classes < 2) {
            throw new SpecException(labelPath, "must hold at least two classes for loss " + lossName, classes + " class");
        }
        long cells = (long) rows * classes;
        guard.check("data", rows, features.size(), classes);
        if (cells > MAX_ARRAY) {
            throw new SpecException("data", "must fit its one-hot labels in one array of at most " + MAX_ARRAY + " values",
                    cells + " values (" + rows + " rows x " + classes + " classes)");
        }
        float[] oneHot = new float[(int) cells];
        for (int i = 0; i < rows; i++) {
            oneHot[i * classes + (int) y[i]] = 1f;
        }
        return new TrainingData(name, loss, rows, features.size(), x, classes, oneHot, image);
    }

    private void checkOneHotRows(String lossName) {
        int m = labels.size();
        String rule = "must hold one-hot rows (values in [0, 1] summing to 1) for loss " + lossName;
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                float v = y[i * m + j];
                if (!(v >= 0 && v <= 1)) {
                    throw new SpecException(labelPath, rule, v + " in row " + (i + 1));
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                throw new SpecException(labelPath, rule, "a row summing to " + sum + " in row " + (i + 1));
            }
        }
    }

    /** A column whose squares, summed over the rows in double, exceed the largest float. */
    private record Overflow(String column, float largest, double sumOfSquares) {
        String where(String data) {
            return "column " + CsvCell.quote(column) + " of data " + SpecException.render(data);
        }

        String sum() {
            return String.format(Locale.ROOT, "%.3g", sumOfSquares);
        }
    }

    private Overflow overflow() {
        Overflow o = overflow(features, x);
        return o != null ? o : overflow(labels, y);
    }

    private Overflow overflow(List<String> columns, float[] values) {
        int width = columns.size();
        for (int j = 0; j < width; j++) {
            double sum = 0;
            float largest = 0;
            for (int i = 0; i < rows; i++) {
                float v = values[i * width + j];
                sum += (double) v * v;
                largest = Math.abs(v) > Math.abs(largest) ? v : largest;
            }
            if (sum > Float.MAX_VALUE) {
                return new Overflow(columns.get(j), largest, sum);
            }
        }
        return null;
    }

    /** SHA-256 of the shape and values, so that a resumed sweep can tell whether its data changed. */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(4 * (x.length + y.length) + 12);
            buf.putInt(rows).putInt(features.size()).putInt(labels.size());
            for (float v : x) {
                buf.putFloat(v);
            }
            for (float v : y) {
                buf.putFloat(v);
            }
            md.update(buf.array());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
