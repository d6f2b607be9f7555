package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * A data set cut into its training and validation parts. A {@link Validation.Share} holds out
 * {@code round(share x count)} examples drawn with {@code java.util.Random(seed)}: per class, classes in
 * ascending order of their label, when the split is stratified (a spec with a classifier loss), else over all
 * examples. Both parts keep the examples' order, so the same spec always gives the same parts. A
 * {@link Validation.Separate} set is read as a data entry and must match the training set's shape.
 *
 * @param training   the examples trained on
 * @param validation the examples held out (or the separate set)
 */
public record Holdout(Table training, Table validation) {
    /** Where errors about the validation set point, relative to the data entry. */
    static final String WHERE = "data." + DataSpecs.VALIDATION.key();

    public Holdout {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * The parts of {@code whole}, the examples of {@code data}'s entry.
     *
     * @param stratify   whether a share is drawn per class (the spec has a classifier loss)
     * @param classNames the classes' names where the data has them, for errors
     * @throws SpecException at {@code data.validation} when a share leaves a class (or, unstratified, a part)
     *                       without an example, a separate set is missing or malformed (its own error, re-rooted
     *                       there), or a separate set's features, label or image shape differ from the training set's
     */
    public static Holdout of(Validated data, Table whole, boolean stratify, List<String> classNames, Path baseDir,
                             SizeGuard guard, SparkReader reader) {
        if (data.validation() instanceof Validation.Share share) {
            return stratify ? stratified(whole, share, classNames) : random(whole, share);
        }
        DataSpec set = ((Validation.Separate) data.validation()).set();
        Table val;
        try {
            val = set.load(baseDir, guard, reader);
        } catch (SpecException e) {
            throw e.path().startsWith("data") ? e.at(WHERE + e.path().substring(4)) : e.under(WHERE);
        }
        if (val.features().size() != whole.features().size() || val.labels().size() != whole.labels().size()
                || !Objects.equals(val.image(), whole.image())) {
            throw new SpecException(WHERE, "must have the training set's features, label and shape ("
                    + shape(whole) + ")", shape(val), "give the validation set the training set's columns");
        }
        return new Holdout(whole, val);
    }

    /**
     * {@code training} with the validation part as its validation set, prepared for the same loss:
     * {@code validation} is {@link #validation()} prepared for it. Where the validation part holds fewer classes than
     * the training part (a separate set without the last class), its class indices become one-hot rows of the
     * training part's width.
     *
     * @throws SpecException at {@code data.validation} when a class index of the validation set is not a class of the
     *                       training set, or its labels take another form
     */
    public TrainingData attach(TrainingData training, TrainingData validation) {
        if (validation.outputs() == training.outputs()) {
            return training.withValidation(validation);
        }
        int width = training.outputs();
        if (this.validation.labels().size() != 1 || width < 2) {
            throw new SpecException(WHERE, "must give the loss " + training.loss().name() + " the training set's "
                    + width + " output" + (width == 1 ? "" : "s"), validation.outputs() + " output"
                    + (validation.outputs() == 1 ? "" : "s"));
        }
        float[] y = this.validation.y();
        float[] oneHot = new float[y.length * width];
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0 && y[i] < width && y[i] == Math.rint(y[i]))) {
                throw new SpecException(WHERE, "must hold class indices of the training set's " + width + " classes",
                        y[i] + " in row " + (i + 1));
            }
            oneHot[i * width + (int) y[i]] = 1f;
        }
        return training.withValidation(new TrainingData(validation.name(), validation.loss(), validation.rows(),
                validation.inputs(), validation.x(), width, oneHot, validation.image()));
    }

    private static String shape(Table t) {
        return t.features().size() + " feature column" + (t.features().size() == 1 ? "" : "s")
                + (t.features().size() <= 5 ? " " + t.features() : "") + ", " + t.labels().size() + " label column"
                + (t.labels().size() == 1 ? "" : "s") + " " + t.labels() + (t.image() == null ? "" : ", images " + t.image());
    }

    private static Holdout random(Table whole, Validation.Share share) {
        int n = whole.rows();
        List<Integer> order = indices(0, n);
        Collections.shuffle(order, new Random(share.seed()));
        int held = (int) Math.round(share.share() * n);
        if (held == 0 || held == n) {
            throw new SpecException(WHERE, "must leave at least one example in both the training and the validation part",
                    "share " + share.share() + " of " + n + " examples holding out " + held, "change the share");
        }
        return parts(whole, order.subList(0, held));
    }

    private static Holdout stratified(Table whole, Validation.Share share, List<String> classNames) {
        Map<Float, List<Integer>> byClass = new TreeMap<>();
        int m = whole.labels().size();
        for (int i = 0; i < whole.rows(); i++) {
            byClass.computeIfAbsent(classOf(whole.y(), i, m), c -> new ArrayList<>()).add(i);
        }
        Random random = new Random(share.seed());
        List<Integer> held = new ArrayList<>();
        for (Map.Entry<Float, List<Integer>> e : byClass.entrySet()) {
            List<Integer> rows = e.getValue();
            Collections.shuffle(rows, random);
            int h = (int) Math.round(share.share() * rows.size());
            if (h == 0 || h == rows.size()) {
                throw new SpecException(WHERE, "must leave every class at least one example in both the training and the "
                        + "validation part", "class " + name(e.getKey(), classNames) + " with " + rows.size() + " example"
                        + (rows.size() == 1 ? "" : "s") + ", " + h + " of them held out by share " + share.share(),
                        "change the share or give the class more examples");
            }
            held.addAll(rows.subList(0, h));
        }
        return parts(whole, held);
    }

    /** The class of row {@code i}: its label value, or with several label columns the index of the largest. */
    private static float classOf(float[] y, int i, int m) {
        if (m == 1) {
            return y[i];
        }
        int best = 0;
        for (int j = 1; j < m; j++) {
            if (y[i * m + j] > y[i * m + best]) {
                best = j;
            }
        }
        return best;
    }

    private static String name(float label, List<String> classNames) {
        boolean index = label >= 0 && label == Math.rint(label);
        String value = index ? String.valueOf((long) label) : String.valueOf(label);
        return index && label < classNames.size() ? value + " (" + SpecException.render(classNames.get((int) label)) + ")"
                : value;
    }

    private static List<Integer> indices(int from, int to) {
        List<Integer> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private static Holdout parts(Table whole, List<Integer> heldOut) {
        boolean[] held = new boolean[whole.rows()];
        heldOut.forEach(i -> held[i] = true);
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            (held[i] ? val : train).add(i);
        }
        return new Holdout(rows(whole, train), rows(whole, val));
    }

    private static Table rows(Table t, List<Integer> rows) {
        int f = t.features().size();
        int m = t.labels().size();
        float[] x = new float[rows.size() * f];
        float[] y = new float[rows.size() * m];
        for (int r = 0; r < rows.size(); r++) {
            int i = rows.get(r);
            System.arraycopy(t.x(), i * f, x, r * f, f);
            System.arraycopy(t.y(), i * m, y, r * m, m);
        }
        return new Table(t.name(), t.labelPath(), rows.size(), t.features(), x, t.labels(), y, t.image());
    }
}
