package io.lossgrid.data;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed problem, generated: {@code y = slope . x + intercept + noise * N(0, 1)} with each feature of
 * {@code x} drawn uniformly from [-1, 1), everything from one seeded generator. Features are named
 * {@code x1..xd} (or {@code x} for one), the label {@code y}.
 *
 * <p>Its fields are declared once in {@link #FIELDS}.
 *
 * @param slope one slope per feature (one value is used for every feature)
 */
public record LinearData(String name, int samples, int features, List<Double> slope, double intercept, double noise,
                         long seed) implements DataSpec {
    public static final int DEFAULT_SAMPLES = 256;
    public static final double DEFAULT_SLOPE = 2.0;
    public static final double DEFAULT_INTERCEPT = 1.0;
    public static final double DEFAULT_NOISE = 0.1;

    /** The generator's name, the value of {@code generator}. */
    public static final String GENERATOR_NAME = "linear";

    public static final Field<String> GENERATOR = Field.required("generator",
            Type.plain(Node::string, Schemas.constant(GENERATOR_NAME)),
            "`linear`: y = slope . x + intercept + noise * N(0,1), x uniform in [-1, 1)");
    public static final Field<Integer> SAMPLES = Field.withDefault("samples", Types.INT, DEFAULT_SAMPLES, "examples")
            .rule("must be between 1 and 50000000", v -> v >= 1 && v <= 50_000_000);
    public static final Field<Integer> FEATURES = Field.withDefault("features", Types.INT, 1, "inputs per example")
            .rule("must be between 1 and 100000", v -> v >= 1 && v <= 100_000);
    public static final Field<List<Double>> SLOPE = Field.withDefault("slope", Types.NUMBER_OR_LIST,
                    List.of(DEFAULT_SLOPE), "one slope for every feature, or one per feature")
            .rule("must be finite", v -> v.stream().allMatch(Double::isFinite));
    public static final Field<Double> INTERCEPT = Field.withDefault("intercept", Types.NUMBER, DEFAULT_INTERCEPT,
            "added to every label").rule("must be finite", Double::isFinite);
    public static final Field<Double> NOISE = Field.withDefault("noise", Types.NUMBER, DEFAULT_NOISE,
            "standard deviation of the Gaussian noise added to every label")
            .rule("must be >= 0 and finite", v -> v >= 0 && Double.isFinite(v));
    public static final Field<Long> SEED = Field.withDefault("seed", Types.LONG, 0L, "seeds the generator");

    /** The {@code synthetic} map of the {@code linear} generator. */
    public static final Section FIELDS = Section.of(GENERATOR, SAMPLES, FEATURES, SLOPE, INTERCEPT, NOISE, SEED);

    public LinearData {
        if (name == null || name.isBlank()) {
            name = GENERATOR_NAME;
        }
        SAMPLES.check(samples);
        FEATURES.check(features);
        if (slope.size() != 1 && slope.size() != features) {
            throw io.lossgrid.base.SpecException.of(SLOPE.key(), "must be one number or one per feature (" + features + ")",
                    slope);
        }
        slope = List.copyOf(slope);
        for (double s : slope) {
            if (!Double.isFinite(s)) {
                throw io.lossgrid.base.SpecException.of(SLOPE.key(), "must be finite", s);
            }
        }
        INTERCEPT.check(intercept);
        NOISE.check(noise);
    }

    /** Reads the {@code synthetic} map of a {@code linear} generator. */
    static LinearData parse(String name, Node node) {
        Section.Values v = FIELDS.read(node);
        int samples = v.get(SAMPLES);
        int features = v.get(FEATURES);
        List<Double> slope = v.get(SLOPE);
        double intercept = v.get(INTERCEPT);
        double noise = v.get(NOISE);
        long seed = v.get(SEED);
        return node.build(() -> new LinearData(name, samples, features, slope, intercept, noise, seed));
    }

    /** The generator's name: its {@code generator} field. */
    public String generator() {
        return GENERATOR_NAME;
    }

    @Override
    public long[] knownShape(boolean classification) {
        return new long[] {samples, features, 1};
    }

    @Override
    public Table load(Path baseDir, SizeGuard guard) {
        guard.check("data", samples, features, 1);
        Gaussian g = new Gaussian(seed);
        float[] x = new float[Math.multiplyExact(samples, features)]; // sized against limits.maxDataBytes before
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            double t = intercept;
            for (int j = 0; j < features; j++) {
                double v = g.uniform(-1, 1);
                x[i * features + j] = (float) v;
                t += slope.get(slope.size() == 1 ? 0 : j) * v;
            }
            y[i] = (float) (t + noise * g.next());
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add(features == 1 ? "x" : "x" + (j + 1));
        }
        return new Table(name, "data.synthetic", samples, names, x, List.of("y"), y);
    }

    @Override
    public Map<String, Object> toMap() {
        return DataSpecs.generated(name, FIELDS, this);
    }
}
