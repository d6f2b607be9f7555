package io.lossgrid.grid;

import io.lossgrid.spec.GridSpec;
import io.lossgrid.spec.SweepSpec;

/** Test helper: a trial id computed from a spec's parts with a given loss key, to check what the grid hashes. */
public final class GridKeys {
    private GridKeys() {
    }

    /** The id of the spec's first trial (first data, model, optimizer, cell and seed) if its loss hashed as {@code loss}. */
    public static String idWithLoss(SweepSpec spec, Object loss) {
        GridSpec.Cell cell = spec.grid().cells().get(0);
        return TrialIds.of(spec.data().get(0).toMap(), spec.models().get(0).toMap(), loss,
                GridSpec.optimizerMap(spec.grid().optimizers().get(0)), cell.alpha(), cell.learningRate(),
                spec.grid().seeds().get(0), spec.training().toMap());
    }
}
