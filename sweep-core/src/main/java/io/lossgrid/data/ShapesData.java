package io.lossgrid.data;

import io.lossgrid.base.Distinct;
import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grayscale images ({@code 1 x size x size}) of simple shapes ({@link Shape}) at random positions and sizes
 * under Gaussian pixel noise, so a convolutional network has something to learn. Class {@code k} is the
 * shape {@code classes[k]}; the label column {@code class} holds its index. Each class gets its share
 * {@code weights[k] / sum(weights)} of the examples, rounded by largest remainder, so the imbalance is a
 * setting; the examples' order is then shuffled. Pixels are 1 on the shape and 0 elsewhere, plus
 * {@code noise * N(0, 1)}. Everything comes from {@code seed}. Its fields are declared once in {@link #FIELDS}.
 *
 * @param weights the classes' relative frequencies, one per class; null for equal ones
 */
public record ShapesData(String name, int samples, int size, List<String> classes, List<Double> weights, double noise,
                         long seed) implements DataSpec {
    public static final int DEFAULT_SAMPLES = 800;
    public static final int DEFAULT_SIZE = 24;
    public static final double DEFAULT_NOISE = 0.3;
    public static final List<String> DEFAULT_CLASSES = List.of("ring", "square");

    /** The generator's name, the value of {@code generator}. */
    public static final String GENERATOR_NAME = "shapes";

    public static final Field<String> GENERATOR = Field.required("generator",
            Type.plain(Node::string, Schemas.constant(GENERATOR_NAME)),
            "`shapes`: grayscale `size` x `size` images of shapes at random positions and sizes under Gaussian noise, "
                    + "class k the shape classes[k], in the proportions of `weights`");
    public static final Field<Integer> SAMPLES = Field.withDefault("samples", Types.INT, DEFAULT_SAMPLES, "images")
            .rule("must be between 2 and 50000000", v -> v >= 2 && v <= 50_000_000);
    public static final Field<Integer> SIZE = Field.withDefault("size", Types.INT, DEFAULT_SIZE,
            "side of each square image in pixels (inputs = size x size, one channel)")
            .rule("must be between 8 and 512", v -> v >= 8 && v <= 512);
    public static final Field<List<String>> CLASSES = Field.withDefault("classes", Types.STRING_LIST, DEFAULT_CLASSES,
                    "the shape of each class, from " + String.join(", ", Shape.NAMES))
            .rule("must name at least two shapes, each once", c -> c.size() >= 2 && Distinct.firstRepeat(c) == null);
    public static final Field<List<Double>> WEIGHTS = Field.optional("weights", Types.NUMBER_OR_LIST,
                    "the classes' relative frequencies, one per class, such as [0.1, 0.9]", "equal frequencies")
            .rule("every value must be > 0 and finite", w -> w.stream().allMatch(v -> v > 0 && Double.isFinite(v)));
    public static final Field<Double> NOISE = Field.withDefault("noise", Types.NUMBER, DEFAULT_NOISE,
            "standard deviation of the Gaussian noise added to every pixel").rule("must be >= 0 and finite",
            v -> v >= 0 && Double.isFinite(v));
    public static final Field<Long> SEED = Field.withDefault("seed", Types.LONG, 0L, "seeds the generator");

    /** The {@code synthetic} map of the {@code shapes} generator. */
    public static final Section FIELDS = Section.of(GENERATOR, SAMPLES, SIZE, CLASSES, WEIGHTS, NOISE, SEED);

    public ShapesData {
        if (name == null || name.isBlank()) {
            name = GENERATOR_NAME;
        }
        SAMPLES.check(samples);
        SIZE.check(size);
        classes = List.copyOf(classes);
        for (int i = 0; i < classes.size(); i++) {
            if (Shape.named(classes.get(i)) == null) {
                throw new SpecException(CLASSES.key() + "[" + i + "]", "must be one of " + String.join(", ", Shape.NAMES),
                        SpecException.render(classes.get(i)), Suggest.didYouMean(classes.get(i), Shape.NAMES));
            }
        }
        if (classes.size() < 2) {
            throw new SpecException(CLASSES.key(), CLASSES.rules().get(0).text(), classes.size() + " shape",
                    "add a shape such as " + (classes.contains("ring") ? "square" : "ring"));
        }
        int[] repeat = Distinct.firstRepeat(classes);
        if (repeat != null) {
            throw new SpecException(CLASSES.key() + "[" + repeat[0] + "]", "must differ from " + CLASSES.key() + "["
                    + repeat[1] + "] (each shape once)", SpecException.render(classes.get(repeat[0])));
        }
        if (weights != null) {
            weights = List.copyOf(weights);
            for (int k = 0; k < weights.size(); k++) {
                if (!(weights.get(k) > 0 && Double.isFinite(weights.get(k)))) {
                    throw SpecException.of(WEIGHTS.key() + "[" + k + "]", "must be > 0 and finite", weights.get(k));
                }
            }
            if (weights.size() != classes.size()) {
                throw new SpecException(WEIGHTS.key(), "must give one weight per class (" + classes.size() + ")",
                        weights.size() + " weights", "list as many weights as classes");
            }
        }
        NOISE.check(noise);
        int[] counts = counts(samples, classes.size(), weights);
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                throw new SpecException(WEIGHTS.key() + "[" + k + "]", "must give class " + classes.get(k)
                        + " at least one of the " + samples + " images", SpecException.render(weights.get(k)),
                        "raise the weight or the samples");
            }
        }
    }

    /** Reads the {@code synthetic} map of a {@code shapes} generator. */
    static ShapesData parse(String name, Node node) {
        Section.Values v = FIELDS.read(node);
        int samples = v.get(SAMPLES);
        int size = v.get(SIZE);
        List<String> classes = v.get(CLASSES);
        List<Double> weights = v.get(WEIGHTS);
        double noise = v.get(NOISE);
        long seed = v.get(SEED);
        return node.build(() -> new ShapesData(name, samples, size, classes, weights, noise, seed));
    }

    /** The generator's name: its {@code generator} field. */
    public String generator() {
        return GENERATOR_NAME;
    }

    @Override
    public Optional<ImageShape> imageShape() {
        return Optional.of(new ImageShape(1, size, size));
    }

    @Override
    public long[] knownShape(boolean classification) {
        return new long[] {samples, (long) size * size, classification ? classes.size() : 1};
    }

    /** Images per class: the weights' shares of {@code samples}, rounded by largest remainder (ties to the first). */
    public int[] classCounts() {
        return counts(samples, classes.size(), weights);
    }

    private static int[] counts(int samples, int classes, List<Double> weights) {
        double total = 0;
        for (int k = 0; k < classes; k++) {
            total += weights == null ? 1 : weights.get(k);
        }
        int[] counts = new int[classes];
        double[] remainder = new double[classes];
        int given = 0;
        for (int k = 0; k < classes; k++) {
            double share = samples * (weights == null ? 1 : weights.get(k)) / total;
            counts[k] = (int) Math.floor(share);
            remainder[k] = share - counts[k];
            given += counts[k];
        }
        for (; given < samples; given++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (remainder[k] > remainder[best]) {
                    best = k;
                }
            }
            counts[best]++;
            remainder[best] = -1;
        }
        return counts;
    }

    @Override
    public Table load(Path baseDir, SizeGuard guard) {
        guard.check("data", samples, size * size, 1);
        Gaussian g = new Gaussian(seed);
        int[] counts = classCounts();
        int[] label = new int[samples];
        for (int k = 0, i = 0; k < counts.length; k++) {
            for (int c = 0; c < counts[k]; c++) {
                label[i++] = k;
            }
        }
        for (int i = samples - 1; i > 0; i--) { // Fisher-Yates from the seed
            int j = (int) g.uniform(0, i + 1);
            int t = label[i];
            label[i] = label[j];
            label[j] = t;
        }
        int pixels = size * size;
        float[] x = new float[Math.multiplyExact(samples, pixels)]; // sized against limits.maxDataBytes before
        float[] y = new float[samples];
        List<Shape> shapes = classes.stream().map(Shape::named).toList();
        for (int i = 0; i < samples; i++) {
            Shape shape = shapes.get(label[i]);
            double radius = g.uniform(0.18 * size, 0.35 * size);
            double cx = g.uniform(radius + 1, size - 1 - radius);
            double cy = g.uniform(radius + 1, size - 1 - radius);
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    double on = shape.covers(c + 0.5 - cx, r + 0.5 - cy, radius) ? 1 : 0;
                    x[i * pixels + r * size + c] = (float) (on + noise * g.next());
                }
            }
            y[i] = label[i];
        }
        List<String> names = new ArrayList<>(pixels);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                names.add("p" + r + "_" + c);
            }
        }
        return new Table(name, "data.synthetic", samples, names, x, List.of("class"), y, new ImageShape(1, size, size));
    }

    @Override
    public Map<String, Object> toMap() {
        return DataSpecs.generated(name, FIELDS, this);
    }
}
