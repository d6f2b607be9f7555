package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code strategy: random}: {@code trials} samples of the axes it names ({@code alpha}, {@code learningRate}:
 * log-uniform over a {@code log} range, uniform over a {@code linear} one), each crossed with the product of
 * the grid's other axes, in one round. The samples come from a {@link SplittableRandom} seeded with
 * {@code seed}, whose sequence its specification fixes, and are rounded to 12 significant digits as axis
 * values are: the same spec gives the same trials and ids on every JVM.
 *
 * @param trials       how many samples
 * @param seed         seeds the sampler
 * @param alpha        the α range sampled, or null when α comes from the grid
 * @param learningRate the learning-rate range sampled, or null when it comes from the grid
 */
public record RandomSearch(int trials, long seed, SearchRange alpha, SearchRange learningRate)
        implements SearchSpec.OneRound {
    public static final String NAME = "random";
    /** How many draws per sample may be spent on values already drawn before the ranges count as exhausted. */
    private static final int DRAWS_PER_SAMPLE = 100;

    private static final Type<SearchRange> RANGE = new Type<>(SearchRange::parse, SearchRange::describe,
            SearchRange.schema());
    private static final String POSITIVE = "must be > 0 (a linear range of a positive axis starts above 0)";

    public static final Field<String> STRATEGY = Field.required("strategy",
            Type.plain(Node::string, Schemas.constant(NAME)),
            "`random`: `trials` samples of the axes named here, each crossed with the grid's other axes");
    public static final Field<Integer> TRIALS = Field.required("trials", Types.INT,
                    "how many samples (each runs once per combination of the grid's other axes)")
            .requiredAs("is required (the number of samples, such as 100)").rule("must be >= 1", t -> t >= 1);
    public static final Field<Long> SEED = Field.withDefault("seed", Types.LONG, 0L, "seeds the sampler");
    public static final Field<SearchRange> ALPHA = Field.optional("alpha", RANGE,
            "the α range sampled: `{log: [a, b]}` (log-uniform) or `{linear: [a, b]}` (uniform)",
            "α comes from grid.alpha").rule(POSITIVE, r -> r.from() > 0);
    public static final Field<SearchRange> LEARNING_RATE = Field.optional("learningRate", RANGE,
            "the learning-rate range sampled: `{log: [a, b]}` (log-uniform) or `{linear: [a, b]}` (uniform)",
            "the learning rate comes from grid.learningRate").rule(POSITIVE, r -> r.from() > 0);

    /** The {@code search} map of the random strategy. */
    public static final Section FIELDS = Section.of(STRATEGY, TRIALS, SEED, ALPHA, LEARNING_RATE);

    public RandomSearch {
        TRIALS.check(trials);
        if (alpha != null) {
            check(ALPHA, alpha);
        }
        if (learningRate != null) {
            check(LEARNING_RATE, learningRate);
        }
        if (alpha == null && learningRate == null) {
            throw new SpecException(LEARNING_RATE.key(), "is required (or alpha): a random search samples at least one axis",
                    "nothing");
        }
    }

    private static void check(Field<SearchRange> field, SearchRange range) {
        if (!(range.from() > 0)) {
            throw SpecException.of(field.key() + "." + range.kind() + "[0]", POSITIVE, range.from());
        }
    }

    @Override
    public String strategy() {
        return NAME;
    }

    @Override
    public Set<String> axes() {
        Set<String> out = new LinkedHashSet<>();
        if (alpha != null) {
            out.add(GridSpec.ALPHA.key());
        }
        if (learningRate != null) {
            out.add(GridSpec.LEARNING_RATE.key());
        }
        return out;
    }

    @Override
    public long cellCount(long gridCells) {
        return gridCells > Long.MAX_VALUE / trials ? Long.MAX_VALUE : trials * gridCells;
    }

    /**
     * The cells: with both axes sampled, the samples; with one, the grid's values of the other crossed with
     * the samples (α outer, as in a grid). A sample that repeats an earlier one (after rounding) is drawn again.
     *
     * @throws SpecException at {@code search.trials} when the ranges hold fewer distinct values than samples
     */
    @Override
    public List<GridSpec.Cell> cells(GridSpec grid) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> samples = new ArrayList<>(trials);
        Set<List<Double>> seen = new HashSet<>();
        long draws = 0;
        while (samples.size() < trials) {
            if (++draws > (long) DRAWS_PER_SAMPLE * trials) {
                throw SpecException.of("search." + TRIALS.key(), "must be at most the distinct values the ranges hold "
                        + "at 12 significant digits", trials);
            }
            double a = alpha == null ? Double.NaN : alpha.at(random.nextDouble());
            double lr = learningRate == null ? Double.NaN : learningRate.at(random.nextDouble());
            if (seen.add(List.of(a, lr))) {
                samples.add(new double[] {a, lr});
            }
        }
        List<GridSpec.Cell> out = new ArrayList<>();
        if (alpha != null && learningRate != null) {
            samples.forEach(s -> out.add(new GridSpec.Cell(s[0], s[1])));
        } else if (alpha != null) {
            List<Double> rates = grid.learningRate().values();
            for (double[] s : samples) {
                rates.forEach(lr -> out.add(new GridSpec.Cell(s[0], lr)));
            }
        } else {
            for (double a : grid.alpha().values()) {
                samples.forEach(s -> out.add(new GridSpec.Cell(a, s[1])));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    static RandomSearch parse(Node node) {
        Section.Values v = FIELDS.read(node);
        int trials = v.get(TRIALS);
        long seed = v.get(SEED);
        SearchRange alpha = v.get(ALPHA);
        SearchRange learningRate = v.get(LEARNING_RATE);
        return node.build(() -> new RandomSearch(trials, seed, alpha, learningRate));
    }
}
