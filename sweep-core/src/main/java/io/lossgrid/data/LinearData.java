package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed problem, generated: {@code y = slope . x + intercept + noise * N(0, 1)} with each feature of
 * {@code x} drawn uniformly from [-1, 1), everything from one seeded generator. Features are named
 * {@code x1..xd} (or {@code x} for one), the label {@code y}.
 *
 * @param slope one slope per feature (one value is used for every feature)
 */
public record LinearData(String name, int samples, int features, List<Double> slope, double intercept, double noise,
                         long seed) implements DataSpec {
    public static final int DEFAULT_SAMPLES = 256;
    public static final double DEFAULT_SLOPE = 2.0;
    public static final double DEFAULT_INTERCEPT = 1.0;
    public static final double DEFAULT_NOISE = 0.1;

    public LinearData {
        if (name == null || name.isBlank()) {
            name = "linear";
        }
        if (samples < 1 || samples > 50_000_000) {
            throw SpecException.of("samples", "must be between 1 and 50000000", samples);
        }
        if (features < 1 || features > 100_000) {
            throw SpecException.of("features", "must be between 1 and 100000", features);
        }
        if (slope.size() != 1 && slope.size() != features) {
            throw SpecException.of("slope", "must be one number or one per feature (" + features + ")", slope);
        }
        slope = List.copyOf(slope);
        for (double s : slope) {
            if (!Double.isFinite(s)) {
                throw SpecException.of("slope", "must be finite", s);
            }
        }
        if (!Double.isFinite(intercept)) {
            throw SpecException.of("intercept", "must be finite", intercept);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw SpecException.of("noise", "must be >= 0 and finite", noise);
        }
    }

    @Override
    public Table load(Path baseDir) {
        Gaussian g = new Gaussian(seed);
        float[] x = new float[samples * features];
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("generator", "linear");
        m.put("samples", samples);
        m.put("features", features);
        m.put("slope", slope.size() == 1 ? slope.get(0) : slope);
        m.put("intercept", intercept);
        m.put("noise", noise);
        m.put("seed", seed);
        return m;
    }
}
