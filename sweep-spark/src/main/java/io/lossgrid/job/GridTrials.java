package io.lossgrid.job;

import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.SweepManifest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A grid's or a random search's trials ({@link Grid#iterate}), generated in the spec's order as they are needed,
 * so the driver holds one batch of them, not the whole sweep; the ids committed before the run are skipped.
 */
final class GridTrials implements TrialSource {
    private final Iterator<Trial> source;
    private final Set<String> committed;

    GridTrials(SweepSpec spec, Set<String> committed) {
        this.source = Grid.iterate(spec);
        this.committed = committed;
    }

    @Override
    public List<Trial> next(int size) {
        List<Trial> batch = new ArrayList<>(Math.min(size, 4096));
        while (batch.size() < size && source.hasNext()) {
            Trial t = source.next();
            if (!committed.contains(t.id())) {
                batch.add(t);
            }
        }
        return batch;
    }

    /** A grid is one round and records none. */
    @Override
    public SweepManifest recorded(SweepManifest manifest) {
        return manifest;
    }
}
