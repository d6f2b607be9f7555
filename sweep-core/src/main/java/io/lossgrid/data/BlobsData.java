package io.lossgrid.data;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A separable-ish multi-class problem: class {@code k} of {@code K} is a Gaussian blob of standard
 * deviation {@code spread} around a centre at distance {@code separation} from the origin, the centres
 * evenly spaced on a circle in the first two features (on a line when there is one feature; further
 * features are pure noise). Example {@code i} belongs to class {@code i mod K}. The label column
 * {@code class} holds the class index. Its fields are declared once in {@link #FIELDS}.
 */
public record BlobsData(String name, int samples, int features, int classes, double separation, double spread,
                        long seed) implements DataSpec {
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
            "classes; example i belongs to class i mod classes")
            .rule("must be between 2 and " + MAX_CLASSES + " and at most samples", v -> v >= 2 && v <= MAX_CLASSES);
    public static final Field<Double> SEPARATION = Field.withDefault("separation", Types.NUMBER, DEFAULT_SEPARATION,
            "distance of the centres from the origin").rule("must be > 0 and finite", v -> v > 0 && Double.isFinite(v));
    public static final Field<Double> SPREAD = Field.withDefault("spread", Types.NUMBER, DEFAULT_SPREAD,
            "standard deviation of each blob").rule("must be > 0 and finite", v -> v > 0 && Double.isFinite(v));
    public static final Field<Long> SEED = Field.withDefault("seed", Types.LONG, 0L, "seeds the generator");

    /** The {@code synthetic} map of the {@code blobs} generator. */
    public static final Section FIELDS = Section.of(GENERATOR, SAMPLES, FEATURES, CLASSES, SEPARATION, SPREAD, SEED);

    public BlobsData {
        if (name == null || name.isBlank()) {
            name = GENERATOR_NAME;
        }
        SAMPLES.check(samples);
        FEATURES.check(features);
        if (classes < 2 || classes > samples) {
            throw io.lossgrid.base.SpecException.of(CLASSES.key(), "must be between 2 and samples (" + samples + ")",
                    classes);
        }
        CLASSES.check(classes);
        SEPARATION.check(separation);
        SPREAD.check(spread);
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
        return node.build(() -> new BlobsData(name, samples, features, classes, separation, spread, seed));
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
    public Table load(Path baseDir) {
        Gaussian g = new Gaussian(seed);
        float[] x = new float[Math.multiplyExact(samples, features)]; // sized against limits.maxDataBytes before
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            int k = i % classes;
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(DataSpecs.NAME.key(), name);
        m.putAll(FIELDS.write(this));
        return m;
    }
}
