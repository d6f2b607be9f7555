package io.lossgrid.data;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A separable-ish multi-class problem: class {@code k} of {@code K} is a Gaussian blob of standard
 * deviation {@code spread} around a centre at distance {@code separation} from the origin, the centres
 * evenly spaced on a circle in the first two features (on a line when there is one feature; further
 * features are pure noise). Without {@code weights}, example {@code i} belongs to class {@code i mod K}; with
 * them, class {@code k} gets {@code round(weights[k] · samples)} examples (largest remainders where the
 * rounded counts do not add up to {@code samples}) in an order shuffled from {@code seed}. The label column
 * {@code class} holds the class index. Its fields are declared once in {@link #FIELDS}.
 *
 * @param weights the class proportions, one per class, normalised to sum to 1; null for equal classes
 */
public record BlobsData(String name, int samples, int features, int classes, double separation, double spread,
                        long seed, List<Double> weights) implements DataSpec {
    public static final int DEFAULT_SAMPLES = 300;
    public static final int DEFAULT_FEATURES = 2;
    public static final int DEFAULT_CLASSES = 3;
    public static final double DEFAULT_SEPARATION = 3.0;
    public static final double DEFAULT_SPREAD = 1.0;
    /** The most classes a blobs data set may have (the most a class-index label may name). */
    public static final int MAX_CLASSES = 100_000;

    /** The generator's name, the value of {@code generator}. */
    public static final String GENERATOR_NAME = "blobs";

    public static final Field<String> GENERATOR = Field.required("generator",
            Type.plain(Node::string, Schemas.constant(GENERATOR_NAME)),
            "`blobs`: Gaussian blobs of std `spread` around centres at distance `separation` on a circle, "
                    + "class i mod `classes`");
    public static final Field<Integer> SAMPLES = Field.withDefault("samples", Types.INT, DEFAULT_SAMPLES, "examples")
            .rule("must be between 2 and 50000000", v -> v >= 2 && v <= 50_000_000);
    public static final Field<Integer> FEATURES = Field.withDefault("features", Types.INT, DEFAULT_FEATURES,
            "inputs per example; the first two place the centres, further ones are noise")
            .rule("must be between 1 and 100000", v -> v >= 1 && v <= 100_000);
    public static final Field<Integer> CLASSES = Field.withDefault("classes", Types.INT, DEFAULT_CLASSES,
            "classes; example i belongs to class i mod classes unless `weights` are given")
            .rule("must be between 2 and " + MAX_CLASSES + " and at most samples", v -> v >= 2 && v <= MAX_CLASSES);
    public static final Field<List<Double>> WEIGHTS = Field.optional("weights", Types.NUMBER_OR_LIST,
                    "class proportions, one per class (normalised), such as [0.9, 0.1]; classes are then dealt in an "
                            + "order shuffled from `seed`, class k getting round(weights[k] x samples) examples",
                    "equal classes, example i of class i mod classes")
            .rule("one per class, each > 0 and finite, each class getting at least one example",
                    w -> w.stream().allMatch(v -> v > 0 && Double.isFinite(v)));
    public static final Field<Double> SEPARATION = Field.withDefault("separation", Types.NUMBER, DEFAULT_SEPARATION,
            "distance of the centres from the origin").rule("must be > 0 and finite", v -> v > 0 && Double.isFinite(v));
    public static final Field<Double> SPREAD = Field.withDefault("spread", Types.NUMBER, DEFAULT_SPREAD,
            "standard deviation of each blob").rule("must be > 0 and finite", v -> v > 0 && Double.isFinite(v));
    public static final Field<Long> SEED = Field.withDefault("seed", Types.LONG, 0L, "seeds the generator");

    /** The {@code synthetic} map of the {@code blobs} generator. */
    public static final Section FIELDS = Section.of(GENERATOR, SAMPLES, FEATURES, CLASSES, WEIGHTS, SEPARATION, SPREAD,
            SEED);

    public BlobsData {
        if (name == null || name.isBlank()) {
            name = GENERATOR_NAME;
        }
        SAMPLES.check(samples);
        FEATURES.check(features);
        if (classes < 2 || classes > samples) {
            throw SpecException.of(CLASSES.key(), "must be between 2 and samples (" + samples + ")",
                    classes);
        }
        CLASSES.check(classes);
        SEPARATION.check(separation);
        SPREAD.check(spread);
        weights = weights == null ? null : normalised(weights, classes, samples);
    }

    /** Equal classes, example i of class i mod classes. */
    public BlobsData(String name, int samples, int features, int classes, double separation, double spread, long seed) {
        this(name, samples, features, classes, separation, spread, seed, null);
    }

    private static List<Double> normalised(List<Double> weights, int classes, int samples) {
        if (weights.size() != classes) {
            throw new SpecException(WEIGHTS.key(), "must hold one weight per class (" + classes + " classes)",
                    weights.size() + (weights.size() == 1 ? " weight" : " weights"));
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double w = weights.get(k);
            if (!(w > 0) || Double.isInfinite(w)) {
                throw SpecException.of(WEIGHTS.key() + "[" + k + "]", "must be > 0 and finite", w);
            }
            sum += w;
        }
        List<Double> out = new ArrayList<>(classes);
        for (double w : weights) {
            out.add(w / sum);
        }
        int[] counts = counts(out, samples);
        for (int k = 0; k < classes; k++) {
            if (counts[k] == 0) {
                throw new SpecException(WEIGHTS.key() + "[" + k + "]", "must give class " + k + " at least one of the "
                        + samples + " samples", SpecException.render(weights.get(k)) + " (a share of "
                        + String.format(java.util.Locale.ROOT, "%.3g", out.get(k)) + ", 0 examples)", "raise it or the samples");
            }
        }
        return List.copyOf(out);
    }

    /**
     * Examples per class: {@code round(share · samples)}, and where those do not add up to {@code samples},
     * the largest-remainder apportionment (ties to the lower class index), which differs from rounding only
     * by one example for some classes.
     */
    static int[] counts(List<Double> shares, int samples) {
        int k = shares.size();
        int[] counts = new int[k];
        long rounded = 0;
        for (int c = 0; c < k; c++) {
            counts[c] = (int) Math.round(shares.get(c) * samples);
            rounded += counts[c];
        }
        if (rounded == samples) {
            return counts;
        }
        double[] remainder = new double[k];
        long floor = 0;
        for (int c = 0; c < k; c++) {
            double exact = shares.get(c) * samples;
            counts[c] = (int) Math.floor(exact);
            remainder[c] = exact - counts[c];
            floor += counts[c];
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a])
                : Integer.compare(a, b));
        for (int i = 0; i < samples - floor; i++) {
            counts[order[i % k]]++;
        }
        return counts;
    }

    /** The class of each example: i mod classes, or the weighted counts in an order shuffled from the seed. */
    private int[] classOf() {
        int[] out = new int[samples];
        if (weights == null) {
            for (int i = 0; i < samples; i++) {
                out[i] = i % classes;
            }
            return out;
        }
        int[] counts = counts(weights, samples);
        int at = 0;
        for (int c = 0; c < classes; c++) {
            java.util.Arrays.fill(out, at, at + counts[c], c);
            at += counts[c];
        }
        // Fisher-Yates with SplittableRandom: its sequence is specified, so the order is the same on every JVM.
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = samples - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** Reads the {@code synthetic} map of a {@code blobs} generator. */
    static BlobsData parse(String name, Node node) {
        Section.Values v = FIELDS.read(node);
        int samples = v.get(SAMPLES);
        int features = v.get(FEATURES);
        int classes = v.get(CLASSES);
        double separation = v.get(SEPARATION);
        double spread = v.get(SPREAD);
        long seed = v.get(SEED);
        List<Double> weights = v.get(WEIGHTS);
        return node.build(() -> new BlobsData(name, samples, features, classes, separation, spread, seed, weights));
    }

    /** The generator's name: its {@code generator} field. */
    public String generator() {
        return GENERATOR_NAME;
    }

    @Override
    public long[] knownShape(boolean classification) {
        return new long[] {samples, features, classification ? classes : 1};
    }

    @Override
    public Table load(Path baseDir, SizeGuard guard) {
        guard.check("data", samples, features, 1);
        Gaussian g = new Gaussian(seed);
        float[] x = new float[Math.multiplyExact(samples, features)]; // sized against limits.maxDataBytes before
        float[] y = new float[samples];
        int[] classOf = classOf();
        for (int i = 0; i < samples; i++) {
            int k = classOf[i];
            double[] centre = centre(k);
            for (int j = 0; j < features; j++) {
                double c = j < centre.length ? centre[j] : 0;
                x[i * features + j] = (float) (c + spread * g.next());
            }
            y[i] = k;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("x" + (j + 1));
        }
        return new Table(name, "data.synthetic", samples, names, x, List.of("class"), y);
    }

    private double[] centre(int k) {
        if (features == 1) {
            return new double[] {separation * (k - (classes - 1) / 2.0)};
        }
        double angle = 2 * Math.PI * k / classes;
        return new double[] {separation * Math.cos(angle), separation * Math.sin(angle)};
    }

    @Override
    public Map<String, Object> toMap() {
        return DataSpecs.generated(name, FIELDS, this);
    }
}
