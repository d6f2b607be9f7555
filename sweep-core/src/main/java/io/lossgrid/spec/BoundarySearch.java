package io.lossgrid.spec;

import io.lossgrid.base.Distinct;
import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import io.lossgrid.outcome.Status;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code strategy: boundary}: for every combination of the other axes (data, model, loss, optimizer, α; seeds
 * replicate each probe), the learning rate where training stops being stable, found by bisecting
 * log(learning rate) in rounds between a stable and an unstable probe until their ratio is below
 * {@code precision} or {@code budget} trials are spent. A probe is unstable when at least half of its seeds
 * end with a status in {@code unstable}. The rounds are made by {@code io.lossgrid.search}.
 *
 * @param learningRate the range searched, a log range
 * @param precision    a bracket is narrow enough once its unstable end over its stable end is below this
 * @param budget       the most trials (probes x seeds) the search runs
 * @param unstable     the statuses that make a seed's run unstable, each once
 */
public record BoundarySearch(SearchRange learningRate, double precision, int budget, List<Status> unstable)
        implements SearchSpec {
    public static final String NAME = "boundary";
    public static final double DEFAULT_PRECISION = 1.05;
    public static final int DEFAULT_BUDGET = 1000;

    private static final List<String> STATUSES = Arrays.stream(Status.values()).map(Status::name).toList();
    private static final Type<List<Status>> STATUS_LIST = new Type<>(n -> n.each(BoundarySearch::status),
            l -> l.stream().map(Status::name).toList(),
            Map.of("type", "array", "minItems", 1, "items", Schemas.oneOfStrings(STATUSES)));

    public static final Field<String> STRATEGY = Field.required("strategy",
            Type.plain(Node::string, Schemas.constant(NAME)),
            "`boundary`: per combination of the other axes, bisect log(learningRate) between a stable and an unstable "
                    + "probe, in rounds");
    public static final Field<SearchRange> LEARNING_RATE = Field.required("learningRate",
                    new Type<>(SearchRange::parse, SearchRange::describe, SearchRange.schema()),
                    "the learning-rate range searched, such as `{log: [1.0e-5, 1.0]}`")
            .requiredAs("is required (the range searched, such as {log: [1.0e-5, 1.0]})")
            .rule("must be a log range (the search bisects log(learningRate))", SearchRange::log);
    public static final Field<Double> PRECISION = Field.withDefault("precision", Types.NUMBER, DEFAULT_PRECISION,
                    "a bracket is done once its unstable over its stable learning rate is below this ratio")
            .rule("must be > 1 and finite", p -> p > 1 && Double.isFinite(p));
    public static final Field<Integer> BUDGET = Field.withDefault("budget", Types.INT, DEFAULT_BUDGET,
                    "the most trials (probes x seeds) the search runs; no probe is opened once it is spent")
            .rule("must be >= 1", b -> b >= 1);
    public static final Field<List<Status>> UNSTABLE = Field.withDefault("unstable", STATUS_LIST, List.of(Status.DIVERGED),
                    "the statuses that count as unstable, such as [DIVERGED, OSCILLATING]; a probe is unstable when at "
                            + "least half of its seeds are")
            .rule("each status once", l -> Distinct.firstRepeat(l) == null);

    /** The {@code search} map of the boundary strategy. */
    public static final Section FIELDS = Section.of(STRATEGY, LEARNING_RATE, PRECISION, BUDGET, UNSTABLE);

    public BoundarySearch {
        if (learningRate == null) {
            throw new SpecException(LEARNING_RATE.key(), LEARNING_RATE.requirement(), "nothing");
        }
        if (!learningRate.log()) {
            throw new SpecException(LEARNING_RATE.key(), LEARNING_RATE.rules().get(0).text(), "a linear range");
        }
        PRECISION.check(precision);
        BUDGET.check(budget);
        unstable = List.copyOf(unstable);
        if (unstable.isEmpty()) {
            throw SpecException.of(UNSTABLE.key(), "must not be empty", unstable);
        }
        int[] repeat = Distinct.firstRepeat(unstable);
        if (repeat != null) {
            throw new SpecException(UNSTABLE.key() + "[" + repeat[0] + "]", "must differ from the value at [" + repeat[1]
                    + "] of the same list (each status once)", SpecException.render(unstable.get(repeat[0]).name()));
        }
    }

    @Override
    public String strategy() {
        return NAME;
    }

    @Override
    public Set<String> axes() {
        return Set.of(GridSpec.LEARNING_RATE.key());
    }

    @Override
    public long cellCount(long gridCells) {
        return gridCells;
    }

    /** True when a seed that ended with {@code status} counts as unstable. */
    public boolean unstable(Status status) {
        return unstable.contains(status);
    }

    @Override
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    static BoundarySearch parse(Node node) {
        Section.Values v = FIELDS.read(node);
        SearchRange learningRate = v.get(LEARNING_RATE);
        double precision = v.get(PRECISION);
        int budget = v.get(BUDGET);
        List<Status> unstable = v.get(UNSTABLE);
        return node.build(() -> new BoundarySearch(learningRate, precision, budget, unstable));
    }

    private static Status status(Node n) {
        String s = n.string();
        if (!STATUSES.contains(s)) {
            throw n.error("must be one of " + String.join(", ", STATUSES), Suggest.didYouMean(s, STATUSES));
        }
        return Status.valueOf(s);
    }
}
