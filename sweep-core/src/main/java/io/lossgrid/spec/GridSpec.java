package io.lossgrid.spec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The searched axes. α multiplies the loss the optimizer differentiates; every value must be finite
 * and &gt; 0, as must every learning rate. Values within an axis must be distinct, so that no two
 * trials are the same experiment.
 */
public record GridSpec(Axis alpha, Axis learningRate, List<Optimizer> optimizers, List<Long> seeds)
        implements Serializable {

    public GridSpec {
        optimizers = List.copyOf(optimizers);
        seeds = List.copyOf(seeds);
        positive("alpha", alpha);
        positive("learningRate", learningRate);
        distinct("alpha", alpha.values());
        distinct("learningRate", learningRate.values());
        distinct("optimizer", optimizers);
        distinct("seed", seeds);
        if (optimizers.isEmpty()) {
            throw SpecException.of("optimizer", "must not be empty", optimizers);
        }
        if (seeds.isEmpty()) {
            throw SpecException.of("seed", "must not be empty", seeds);
        }
    }

    public List<Double> alphas() {
        return alpha.values();
    }

    public List<Double> learningRates() {
        return learningRate.values();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alpha", alpha.describe());
        m.put("learningRate", learningRate.describe());
        List<Object> opts = new ArrayList<>();
        for (Optimizer o : optimizers) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("name", o.name());
            o.hyperparameters().forEach((h, v) -> om.put(h.key(), v));
            opts.add(om);
        }
        m.put("optimizer", opts);
        m.put("seed", seeds);
        return m;
    }

    private static void positive(String field, Axis axis) {
        List<Double> values = axis.values();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (!(v > 0) || Double.isInfinite(v)) {
                String path = axis instanceof Axis.Listed ? field + "[" + i + "]" : field;
                String found = SpecException.render(v) + (axis instanceof Axis.Listed ? "" : " (point " + i + " of the range)");
                throw new SpecException(path, "must be > 0 and finite", found);
            }
        }
    }

    private static <T> void distinct(String field, List<T> values) {
        for (int i = 0; i < values.size(); i++) {
            int first = values.indexOf(values.get(i));
            if (first != i) {
                Object v = values.get(i);
                throw new SpecException(field + "[" + i + "]", "must differ from " + field + "[" + first + "] (each value once)",
                        v instanceof Optimizer o ? o.describe() : SpecException.render(v));
            }
        }
    }

    static GridSpec parse(Node node) {
        Map<String, Node> f = node.map(Set.of("alpha", "learningRate", "optimizer", "seed"));
        Axis alpha = f.containsKey("alpha") ? Axis.parse(f.get("alpha")) : new Axis.Listed(List.of(1.0));
        Node lr = f.get("learningRate");
        if (lr == null) {
            throw new SpecException(node.path() + ".learningRate", "is required (a list such as [0.001, 0.01] or a range)",
                    "nothing");
        }
        Axis learningRate = Axis.parse(lr);
        Node opt = f.get("optimizer");
        if (opt == null) {
            throw new SpecException(node.path() + ".optimizer", "is required (a list such as [sgd, adam])", "nothing");
        }
        List<Optimizer> optimizers = opt.each(Optimizers::parse);
        List<Long> seeds = f.containsKey("seed") ? f.get("seed").each(Node::integer) : List.of(0L);
        return node.build(() -> new GridSpec(alpha, learningRate, optimizers, seeds));
    }
}
