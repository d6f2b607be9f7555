package io.lossgrid.spec;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
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
 *
 * <p>The (α, learning rate) cells are either the product of the {@code alpha} and {@code learningRate}
 * axes (α outer), or, with {@code cells}, an explicit list of pairs; either way they cross with the
 * optimizer and seed axes.
 *
 * @param alpha        the α axis; null when {@code explicitCells} is given
 * @param learningRate the learning-rate axis; null when {@code explicitCells} is given
 * @param explicitCells the (α, lr) pairs of a {@code cells:} list; null for the product of the axes
 */
public record GridSpec(Axis alpha, Axis learningRate, List<Cell> explicitCells, List<Optimizer> optimizers,
                       List<Long> seeds) implements Serializable {

    /** One (α, learning rate) pair. */
    public record Cell(double alpha, double learningRate) implements Serializable {
        public Cell {
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw SpecException.of("alpha", "must be > 0 and finite", alpha);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw SpecException.of("learningRate", "must be > 0 and finite", learningRate);
            }
        }
    }

    public GridSpec {
        optimizers = List.copyOf(optimizers);
        seeds = List.copyOf(seeds);
        if (explicitCells == null) {
            positive("alpha", alpha);
            positive("learningRate", learningRate);
            distinct("alpha", alpha.values());
            distinct("learningRate", learningRate.values());
        } else {
            explicitCells = List.copyOf(explicitCells);
            distinct("cells", explicitCells);
        }
        distinct("optimizer", optimizers);
        distinct("seed", seeds);
        if (optimizers.isEmpty()) {
            throw SpecException.of("optimizer", "must not be empty", optimizers);
        }
        if (seeds.isEmpty()) {
            throw SpecException.of("seed", "must not be empty", seeds);
        }
    }

    /** The (α, learning rate) cells, in order. */
    public List<Cell> cells() {
        if (explicitCells != null) {
            return explicitCells;
        }
        List<Cell> out = new ArrayList<>();
        List<Double> learningRates = learningRate.values(); // a range computes its points on every call
        for (double a : alpha.values()) {
            for (double lr : learningRates) {
                out.add(new Cell(a, lr));
            }
        }
        return out;
    }

    /** The distinct α values, in order of first appearance. */
    public List<Double> alphas() {
        return cells().stream().map(Cell::alpha).distinct().toList();
    }

    /** The distinct learning rates, in order of first appearance. */
    public List<Double> learningRates() {
        return cells().stream().map(Cell::learningRate).distinct().toList();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (explicitCells == null) {
            m.put("alpha", alpha.describe());
            m.put("learningRate", learningRate.describe());
        } else {
            List<Object> cells = new ArrayList<>();
            for (Cell c : explicitCells) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("alpha", c.alpha());
                cm.put("learningRate", c.learningRate());
                cells.add(cm);
            }
            m.put("cells", cells);
        }
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
                String found = v instanceof Optimizer o ? o.describe()
                        : v instanceof Cell c ? "{alpha: " + SpecException.render(c.alpha()) + ", learningRate: "
                        + SpecException.render(c.learningRate()) + "}" : SpecException.render(v);
                // Relative to the list: the error is re-rooted under "grid." later, and a rule naming a sibling's
                // path would keep the old root.
                throw new SpecException(field + "[" + i + "]", "must differ from the value at [" + first
                        + "] of the same list (each value once)", found);
            }
        }
    }

    static GridSpec parse(Node node) {
        Map<String, Node> f = node.map(Set.of("alpha", "learningRate", "cells", "optimizer", "seed"));
        Axis alpha = null;
        Axis learningRate = null;
        List<Cell> cells = null;
        if (f.containsKey("cells")) {
            for (String axis : List.of("alpha", "learningRate")) {
                if (f.containsKey(axis)) {
                    throw f.get(axis).error("must not be given beside cells (cells list the (alpha, learningRate) pairs)");
                }
            }
            cells = f.get("cells").list().stream().map(GridSpec::cell).toList();
        } else {
            alpha = f.containsKey("alpha") ? Axis.parse(f.get("alpha")) : new Axis.Listed(List.of(1.0));
            Node lr = f.get("learningRate");
            if (lr == null) {
                throw new SpecException(node.path() + ".learningRate",
                        "is required (a list such as [0.001, 0.01] or a range), or cells instead", "nothing");
            }
            learningRate = Axis.parse(lr);
        }
        Node opt = f.get("optimizer");
        if (opt == null) {
            throw new SpecException(node.path() + ".optimizer", "is required (a list such as [sgd, adam])", "nothing");
        }
        List<Optimizer> optimizers = opt.each(Optimizers::parse);
        List<Long> seeds = f.containsKey("seed") ? seeds(f.get("seed")) : List.of(0L);
        Axis a = alpha;
        Axis l = learningRate;
        List<Cell> c = cells;
        return node.build(() -> new GridSpec(a, l, c, optimizers, seeds));
    }

    /** Seeds: an integer, a list of integers, or {@code {range: [from, to]}} (inclusive, at most 1,000,000). */
    private static List<Long> seeds(Node node) {
        if (!node.isMap()) {
            return node.each(Node::integer);
        }
        Map<String, Node> f = node.map(Set.of("range"));
        Node range = f.get("range");
        if (range == null) {
            throw node.error("must be an integer, a list of integers or {range: [from, to]}");
        }
        List<Node> bounds = range.list();
        if (bounds.size() != 2) {
            throw range.error("must be two integers [from, to]");
        }
        long from = bounds.get(0).integer();
        long to = bounds.get(1).integer();
        if (to < from || to - from >= 1_000_000) {
            throw new SpecException(range.path(), "must run upwards over at most 1000000 seeds", "[" + from + ", " + to + "]");
        }
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static Cell cell(Node node) {
        Map<String, Node> f = node.map(Set.of("alpha", "learningRate"));
        for (String key : List.of("alpha", "learningRate")) {
            if (!f.containsKey(key)) {
                throw new SpecException(node.path() + "." + key, "is required in each cell", "nothing");
            }
        }
        double a = f.get("alpha").number();
        double lr = f.get("learningRate").number();
        return node.build(() -> new Cell(a, lr));
    }
}
