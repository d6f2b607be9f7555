package io.lossgrid.data;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses a spec's {@code data} entry: {@code {csv: file, features: [..], label: ..}} or {@code {synthetic: {generator: .., ..}}}. */
public final class DataSpecs {
    private static final List<String> GENERATORS = List.of("linear", "blobs");

    private DataSpecs() {
    }

    public static DataSpec parse(Node node) {
        if (!node.isMap()) {
            throw node.error("must be a map with csv or synthetic");
        }
        Map<?, ?> raw = (Map<?, ?>) node.raw();
        boolean csv = raw.containsKey("csv");
        boolean synthetic = raw.containsKey("synthetic");
        if (csv == synthetic) {
            throw node.error("must have exactly one of csv (a file) or synthetic (a generator)");
        }
        if (csv) {
            Map<String, Node> f = node.map(Set.of("name", "csv", "features", "label"));
            String file = f.get("csv").string();
            Node features = required(node, f, "features", "the feature columns, such as [x]");
            Node label = required(node, f, "label", "the label column, or the one-hot columns");
            List<String> fs = features.each(Node::string);
            List<String> ls = label.each(Node::string);
            String name = f.containsKey("name") ? f.get("name").string() : null;
            return node.build(() -> new CsvData(name, file, fs, ls));
        }
        Map<String, Node> top = node.map(Set.of("name", "synthetic"));
        String name = top.containsKey("name") ? top.get("name").string() : null;
        Node gen = top.get("synthetic");
        if (!gen.isMap()) {
            throw gen.error("must be a map such as {generator: linear, samples: 256}");
        }
        Object g = ((Map<?, ?>) gen.raw()).get("generator");
        if (!(g instanceof String generator) || !GENERATORS.contains(generator)) {
            throw new SpecException(gen.path() + ".generator", "must be one of " + String.join(", ", GENERATORS),
                    SpecException.render(g), g instanceof String s ? Suggest.didYouMean(s, GENERATORS) : null);
        }
        if (generator.equals("linear")) {
            Map<String, Node> f = gen.map(Set.of("generator", "samples", "features", "slope", "intercept", "noise", "seed"));
            int samples = f.containsKey("samples") ? f.get("samples").intValue() : LinearData.DEFAULT_SAMPLES;
            int features = f.containsKey("features") ? f.get("features").intValue() : 1;
            List<Double> slope = f.containsKey("slope") ? f.get("slope").each(Node::number) : List.of(LinearData.DEFAULT_SLOPE);
            double intercept = f.containsKey("intercept") ? f.get("intercept").number() : LinearData.DEFAULT_INTERCEPT;
            double noise = f.containsKey("noise") ? f.get("noise").number() : LinearData.DEFAULT_NOISE;
            long seed = f.containsKey("seed") ? f.get("seed").integer() : 0L;
            return gen.build(() -> new LinearData(name, samples, features, slope, intercept, noise, seed));
        }
        Map<String, Node> f = gen.map(Set.of("generator", "samples", "features", "classes", "separation", "spread", "seed"));
        int samples = f.containsKey("samples") ? f.get("samples").intValue() : BlobsData.DEFAULT_SAMPLES;
        int features = f.containsKey("features") ? f.get("features").intValue() : BlobsData.DEFAULT_FEATURES;
        int classes = f.containsKey("classes") ? f.get("classes").intValue() : BlobsData.DEFAULT_CLASSES;
        double separation = f.containsKey("separation") ? f.get("separation").number() : BlobsData.DEFAULT_SEPARATION;
        double spread = f.containsKey("spread") ? f.get("spread").number() : BlobsData.DEFAULT_SPREAD;
        long seed = f.containsKey("seed") ? f.get("seed").integer() : 0L;
        return gen.build(() -> new BlobsData(name, samples, features, classes, separation, spread, seed));
    }

    private static Node required(Node parent, Map<String, Node> fields, String key, String what) {
        Node n = fields.get(key);
        if (n == null) {
            throw new SpecException(parent.path() + "." + key, "is required (" + what + ")", "nothing");
        }
        return n;
    }
}
