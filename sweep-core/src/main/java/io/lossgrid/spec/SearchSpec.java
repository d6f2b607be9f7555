package io.lossgrid.spec;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a sweep chooses its trials: the spec's {@code search} section, beside {@code grid}. {@code grid} (the
 * default) runs the grid's product; {@code random} samples the axes it names and crosses each sample with
 * the product of the grid's other axes; {@code boundary} bisects the learning rate, in rounds, between a
 * stable and an unstable value for every combination of the other axes. An axis a search names is left out
 * of {@code grid}. Each strategy declares its own fields ({@link GridSearch#FIELDS},
 * {@link RandomSearch#FIELDS}, {@link BoundarySearch#FIELDS}); the rounds themselves are made by
 * {@code io.lossgrid.search}.
 */
public sealed interface SearchSpec extends Serializable permits SearchSpec.OneRound, BoundarySearch {
    /** The strategies, in the order documented. */
    List<String> STRATEGIES = List.of(GridSearch.NAME, RandomSearch.NAME, BoundarySearch.NAME);

    /** The strategy's name, the value of {@code strategy}. */
    String strategy();

    /** The grid axes ({@code alpha}, {@code learningRate}) this search takes over; they must be absent from {@code grid}. */
    Set<String> axes();

    /**
     * How many (α, learning rate) cells each combination of the other axes runs, given the grid's own count
     * ({@link GridSpec#cellCount()}); for a boundary search, the grid's count (one bracket per α).
     */
    long cellCount(long gridCells);

    /** The resolved section, defaults filled in, in declaration order. */
    Map<String, Object> toMap();

    /** A search that runs in one round: a fixed list of (α, learning rate) cells crossed with the other axes. */
    sealed interface OneRound extends SearchSpec permits GridSearch, RandomSearch {
        /** The (α, learning rate) cells, in order, from the search and the grid's own axes. */
        List<GridSpec.Cell> cells(GridSpec grid);
    }

    /** The JSON Schema of the section: one of the strategies' maps. */
    static Map<String, Object> schema() {
        return Map.of("oneOf", List.of(GridSearch.FIELDS.schema(), RandomSearch.FIELDS.schema(),
                BoundarySearch.FIELDS.schema()));
    }

    /** Reads the section: the strategy named by {@code strategy} (absent: grid) with its own fields. */
    static SearchSpec parse(Node node) {
        if (!node.isMap()) {
            throw node.error("must be a map such as {strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}}");
        }
        Object s = ((Map<?, ?>) node.raw()).get("strategy");
        if (s == null) {
            return GridSearch.parse(node);
        }
        if (!(s instanceof String name) || !STRATEGIES.contains(name)) {
            throw new SpecException(node.path() + ".strategy", "must be one of " + String.join(", ", STRATEGIES),
                    SpecException.render(s), s instanceof String typed ? Suggest.didYouMean(typed, STRATEGIES) : null);
        }
        return switch (name) {
            case RandomSearch.NAME -> RandomSearch.parse(node);
            case BoundarySearch.NAME -> BoundarySearch.parse(node);
            default -> GridSearch.parse(node);
        };
    }
}
