package io.lossgrid.testing;

import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SweepSpec;
import java.util.ArrayList;
import java.util.List;

/** Test helper: every trial of a spec at once, in order (the engine streams them with {@link Grid#iterate}). */
public final class AllTrials {
    private AllTrials() {
    }

    public static List<Trial> of(SweepSpec spec) {
        List<Trial> out = new ArrayList<>();
        Grid.iterate(spec).forEachRemaining(out::add);
        return out;
    }
}
