package io.lossgrid.spec;

import io.lossgrid.base.Distinct;
import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The searched axes. α multiplies the loss the optimizer differentiates; every value must be finite
 * and &gt; 0, as must every learning rate. Values within an axis must be distinct, so that no two
 * trials are the same experiment. The fields are declared once in {@link #FIELDS}.
 *
 * <p>The (α, learning rate) cells are either the product of the {@code alpha} and {@code learningRate}
 * axes (α outer), or, with {@code cells}, an explicit list of pairs; either way they cross with the
 * optimizer and seed axes.
 *
 * @param alpha        the α axis; null when {@code explicitCells} is given or the spec's search samples α
 * @param learningRate the learning-rate axis; null when {@code explicitCells} is given or the spec's search
 *                     samples or bisects the learning rate
 * @param explicitCells the (α, lr) pairs of a {@code cells:} list; null for the product of the axes
 */
public record GridSpec(Axis alpha, Axis learningRate, List<Cell> explicitCells, List<Optimizer> optimizers,
                       List<Long> seeds) implements Serializable {

    /** The most seeds a {@code {range: [from, to]}} may name. */
    public static final int MAX_SEED_RANGE = 1_000_000;
    private static final String POSITIVE = "must be > 0 and finite";

    /** One (α, learning rate) pair. */
    public record Cell(double alpha, double learningRate) implements Serializable {
        public static final Field<Double> ALPHA = Field.required("alpha", Types.NUMBER, "α of this cell")
                .requiredAs("is required in each cell").rule(POSITIVE, v -> v > 0 && Double.isFinite(v));
        public static final Field<Double> LEARNING_RATE = Field.required("learningRate", Types.NUMBER,
                "learning rate of this cell").requiredAs("is required in each cell")
                .rule(POSITIVE, v -> v > 0 && Double.isFinite(v));
        /** One map of a {@code cells} list. */
        public static final Section FIELDS = Section.of(ALPHA, LEARNING_RATE);

        public Cell {
            ALPHA.check(alpha);
            LEARNING_RATE.check(learningRate);
        }

        static Cell parse(Node node) {
            Section.Values v = FIELDS.read(node);
            double a = v.get(ALPHA);
            double lr = v.get(LEARNING_RATE);
            return node.build(() -> new Cell(a, lr));
        }
    }

    private static final Field<List<Node>> SEED_RANGE = Field.required("range",
            Type.plain(Node::list, Map.of("type", "array", "minItems", 2, "maxItems", 2, "items", Map.of("type", "integer"))),
            "the first and last seed, inclusive");
    /** A seed range's map: {@code {range: [from, to]}}. */
    private static final Section SEED_RANGE_FIELDS = Section.of(SEED_RANGE);

    private static final Type<Axis> AXIS = new Type<>(Axis::parse, Axis::describe, Axis.schema());
    private static final Type<List<Cell>> CELLS = new Type<>(n -> n.list().stream().map(Cell::parse).toList(),
            cells -> cells.stream().map(Cell.FIELDS::write).toList(),
            Map.of("type", "array", "minItems", 1, "items", Cell.FIELDS.schema()));
    private static final Type<List<Optimizer>> OPTIMIZERS = new Type<>(n -> n.each(Optimizers::parse),
            opts -> opts.stream().map(GridSpec::optimizerMap).toList(), Types.oneOrList(Optimizers.schema()));
    private static final Type<List<Long>> SEEDS = Type.plain(GridSpec::seeds, Map.of("oneOf", List.of(
            Map.of("type", "integer"), Map.of("type", "array", "minItems", 1, "items", Map.of("type", "integer")),
            SEED_RANGE_FIELDS.schema())));

    public static final Field<Axis> ALPHA = Field.withDefault("alpha", AXIS, new Axis.Listed(List.of(1.0)),
                    "the loss scale α: it multiplies the loss the optimizer differentiates, so gradients and updates change")
            .rule("every value " + POSITIVE + ", each once", GridSpec::positiveAndDistinct);
    private static final String LEARNING_RATE_REQUIRED = "is required (a list such as [0.001, 0.01] or a range), "
            + "or cells instead, or named in search";
    public static final Field<Axis> LEARNING_RATE = Field.optional("learningRate", AXIS, "learning rates",
                    LEARNING_RATE_REQUIRED.replaceFirst("^is ", ""))
            .rule("every value " + POSITIVE + ", each once", GridSpec::positiveAndDistinct);
    public static final Field<List<Cell>> EXPLICIT_CELLS = Field.optional("cells", CELLS,
            "instead of `alpha` x `learningRate`: an explicit list of `{alpha, learningRate}` pairs (see `conf/seed.yaml`)",
            "the product of `alpha` and `learningRate`").heldIn("explicitCells")
            .rule("each pair once", c -> Distinct.firstRepeat(c) == null);
    public static final Field<List<Optimizer>> OPTIMIZER = Field.required("optimizer", OPTIMIZERS,
                    "a list; each entry a name or a map with its hyperparameters: `sgd`; `{name: nesterovs, momentum: 0.9}`; "
                            + "`adam`, `adamax`, `nadam`, `amsgrad`, `adabelief` (`beta1`, `beta2`, `epsilon`); `adagrad` "
                            + "(`epsilon`); `adadelta` (`rho`, `epsilon`; DL4J's AdaDelta has no learning rate); `rmsprop` "
                            + "(`rmsDecay`, `epsilon`); hyperparameters default to DL4J's")
            .requiredAs("is required (a list such as [sgd, adam])").heldIn("optimizers")
            .rule("must not be empty", o -> !o.isEmpty()).rule("each entry once", o -> Distinct.firstRepeat(o) == null);
    public static final Field<List<Long>> SEED = Field.withDefault("seed", SEEDS, List.of(0L),
                    "seeds of weight initialisation and batch shuffling: integers, or `{range: [from, to]}` (inclusive, "
                            + "at most " + MAX_SEED_RANGE + ")").heldIn("seeds")
            .rule("must not be empty", o -> !o.isEmpty()).rule("each seed once", o -> Distinct.firstRepeat(o) == null);

    /** The {@code grid} section. */
    public static final Section FIELDS = Section.of(ALPHA, LEARNING_RATE, EXPLICIT_CELLS, OPTIMIZER, SEED);

    public GridSpec {
        optimizers = List.copyOf(optimizers);
        seeds = List.copyOf(seeds);
        if (explicitCells == null) {
            if (alpha != null) {
                checkAxis(ALPHA.key(), alpha);
            }
            if (learningRate != null) {
                checkAxis(LEARNING_RATE.key(), learningRate);
            }
        } else {
            explicitCells = List.copyOf(explicitCells);
            distinct(EXPLICIT_CELLS.key(), explicitCells);
        }
        distinct(OPTIMIZER.key(), optimizers);
        distinct(SEED.key(), seeds);
        if (optimizers.isEmpty()) {
            throw SpecException.of(OPTIMIZER.key(), "must not be empty", optimizers);
        }
        if (seeds.isEmpty()) {
            throw SpecException.of(SEED.key(), "must not be empty", seeds);
        }
    }

    /**
     * The (α, learning rate) cells, in order.
     *
     * @throws IllegalStateException when the search takes α or the learning rate (the spec's search makes the cells)
     */
    public List<Cell> cells() {
        if (explicitCells != null) {
            return explicitCells;
        }
        if (alpha == null || learningRate == null) {
            throw new IllegalStateException("the grid has no (alpha, learningRate) product: the search names "
                    + (alpha == null ? ALPHA.key() : LEARNING_RATE.key()) + " (SearchSpec.OneRound.cells makes the cells)");
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

    /**
     * How many (α, learning rate) cells there are, counted from the axes' sizes without listing them; an axis the
     * search takes counts 1 (see {@link SearchSpec#cellCount}).
     */
    public long cellCount() {
        return explicitCells != null ? explicitCells.size()
                : (long) (alpha == null ? 1 : alpha.size()) * (learningRate == null ? 1 : learningRate.size());
    }

    /** The resolved grid in declaration order, defaults filled in (the axes as written, or the cells). */
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    /** One optimizer as a map: its name, then its hyperparameters (written to sweep.json, hashed by trial ids). */
    public static Map<String, Object> optimizerMap(Optimizer o) {
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("name", o.name());
        o.hyperparameters().forEach((h, v) -> om.put(h.key(), v));
        return om;
    }

    private static boolean positiveAndDistinct(Axis axis) {
        List<Double> values = axis.values();
        return values.stream().allMatch(v -> v > 0 && Double.isFinite(v)) && Distinct.firstRepeat(values) == null;
    }

    /** Every value of the axis > 0, finite and listed once; a range's points are computed once for both checks. */
    private static void checkAxis(String field, Axis axis) {
        List<Double> values = axis.values();
        positive(field, axis, values);
        distinct(field, values);
    }

    private static void positive(String field, Axis axis, List<Double> values) {
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
        int[] repeat = Distinct.firstRepeat(values);
        if (repeat != null) {
            Object v = values.get(repeat[0]);
            String found = v instanceof Optimizer o ? o.describe()
                    : v instanceof Cell c ? "{alpha: " + SpecException.render(c.alpha()) + ", learningRate: "
                    + SpecException.render(c.learningRate()) + "}" : SpecException.render(v);
            // Relative to the list: the error is re-rooted under "grid." later, and a rule naming a sibling's
            // path would keep the old root.
            throw new SpecException(field + "[" + repeat[0] + "]", "must differ from the value at [" + repeat[1]
                    + "] of the same list (each value once)", found);
        }
    }

    /** A check of the trial count a grid will have, given its axes' sizes, made before any axis is listed. */
    @FunctionalInterface
    interface Budget {
        /** Throws a {@link SpecException} when a grid of these sizes is too large. */
        void check(int optimizers, long cells, int seeds);
    }

    static GridSpec parse(Node node) {
        return parse(node, (optimizers, cells, seeds) -> { }, Set.of());
    }

    /**
     * Reads a grid, checking its size against {@code budget} before any range's points are computed. An axis in
     * {@code searched} (named by the spec's search) may be absent, and is then null.
     */
    static GridSpec parse(Node node, Budget budget, Set<String> searched) {
        Section.Values v = FIELDS.read(node);
        Axis alpha = null;
        Axis learningRate = null;
        List<Cell> cells = null;
        if (v.has(EXPLICIT_CELLS)) {
            for (Field<Axis> axis : List.of(ALPHA, LEARNING_RATE)) {
                if (v.has(axis)) {
                    throw v.node(axis).error("must not be given beside cells (cells list the (alpha, learningRate) pairs)");
                }
            }
            cells = v.get(EXPLICIT_CELLS);
        } else {
            alpha = v.has(ALPHA) || !searched.contains(ALPHA.key()) ? v.get(ALPHA) : null;
            if (!v.has(LEARNING_RATE) && !searched.contains(LEARNING_RATE.key())) {
                throw new SpecException(node.path() + "." + LEARNING_RATE.key(), LEARNING_RATE_REQUIRED, "nothing");
            }
            learningRate = v.get(LEARNING_RATE);
        }
        List<Optimizer> optimizers = v.get(OPTIMIZER);
        List<Long> seeds = v.get(SEED);
        budget.check(optimizers.size(), cells != null ? cells.size()
                : (long) (alpha == null ? 1 : alpha.size()) * (learningRate == null ? 1 : learningRate.size()), seeds.size());
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
        Map<String, Node> f = node.map(SEED_RANGE_FIELDS.keys());
        Node range = f.get(SEED_RANGE.key());
        if (range == null) {
            throw node.error("must be an integer, a list of integers or {range: [from, to]}");
        }
        List<Node> bounds = range.list();
        if (bounds.size() != 2) {
            throw range.error("must be two integers [from, to]");
        }
        long from = bounds.get(0).integer();
        long to = bounds.get(1).integer();
        if (to < from || to - from >= MAX_SEED_RANGE) {
            throw new SpecException(range.path(), "must run upwards over at most " + MAX_SEED_RANGE + " seeds",
                    "[" + from + ", " + to + "]");
        }
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
