package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code strategy: grid}, the default: the grid's product, in one round; it names no axis. */
public record GridSearch() implements SearchSpec.OneRound {
    public static final String NAME = "grid";
    /** The default search. */
    public static final GridSearch INSTANCE = new GridSearch();

    public static final Field<String> STRATEGY = Field.withDefault("strategy",
            new Type<>(GridSearch::name, s -> s, Schemas.constant(NAME)), NAME,
            "`grid`: the product of the grid's axes, as without a search");
    /** The {@code search} map of the grid strategy. */
    public static final Section FIELDS = Section.of(STRATEGY);

    @Override
    public String strategy() {
        return NAME;
    }

    @Override
    public Set<String> axes() {
        return Set.of();
    }

    @Override
    public long cellCount(long gridCells) {
        return gridCells;
    }

    @Override
    public List<GridSpec.Cell> cells(GridSpec grid) {
        return grid.cells();
    }

    @Override
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    static GridSearch parse(Node node) {
        FIELDS.read(node);
        return INSTANCE;
    }

    private static String name(Node n) {
        if (!NAME.equals(n.raw())) {
            throw new SpecException(n.path(), "must be " + NAME, SpecException.render(n.raw()));
        }
        return NAME;
    }
}
