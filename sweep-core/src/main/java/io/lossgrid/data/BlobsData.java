package io.lossgrid.data;

import io.lossgrid.base.SpecException;
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
 * {@code class} holds the class index.
 */
public record BlobsData(String name, int samples, int features, int classes, double separation, double spread,
                        long seed) implements DataSpec {
    public static final int DEFAULT_SAMPLES = 300;
    public static final int DEFAULT_FEATURES = 2;
    public static final int DEFAULT_CLASSES = 3;
    public static final double DEFAULT_SEPARATION = 3.0;
    public static final double DEFAULT_SPREAD = 1.0;

    public BlobsData {
        if (name == null || name.isBlank()) {
            name = "blobs";
        }
        if (samples < 2 || samples > 50_000_000) {
            throw SpecException.of("samples", "must be between 2 and 50000000", samples);
        }
        if (features < 1 || features > 100_000) {
            throw SpecException.of("features", "must be between 1 and 100000", features);
        }
        if (classes < 2 || classes > samples) {
            throw SpecException.of("classes", "must be between 2 and samples (" + samples + ")", classes);
        }
        if (!(separation > 0) || Double.isInfinite(separation)) {
            throw SpecException.of("separation", "must be > 0 and finite", separation);
        }
        if (!(spread > 0) || Double.isInfinite(spread)) {
            throw SpecException.of("spread", "must be > 0 and finite", spread);
        }
    }

    @Override
    public Table load(Path baseDir) {
        Gaussian g = new Gaussian(seed);
        float[] x = new float[samples * features];
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
        m.put("name", name);
        m.put("generator", "blobs");
        m.put("samples", samples);
        m.put("features", features);
        m.put("classes", classes);
        m.put("separation", separation);
        m.put("spread", spread);
        m.put("seed", seed);
        return m;
    }
}
