package io.lossgrid.grid;

import io.lossgrid.data.DataSpec;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.GridSpec;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.SweepSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Expands a spec into its trials. The order is fixed by the spec alone: data, model, loss, optimizer, α,
 * learning rate (or the (α, lr) cells as listed), seed, outermost first, each axis in the order written.
 */
public final class Grid {
    private Grid() {
    }

    /** The trials one at a time, for sweeps too large to hold at once. */
    public static Iterator<Trial> iterate(SweepSpec spec) {
        List<DataSpec> data = spec.data();
        List<ModelSpec> models = spec.models();
        List<Loss> losses = spec.losses();
        List<Optimizer> opts = spec.grid().optimizers();
        List<GridSpec.Cell> cells = spec.grid().cells();
        List<Long> seeds = spec.grid().seeds();
        int[] sizes = {data.size(), models.size(), losses.size(), opts.size(), cells.size(), seeds.size()};
        long total = spec.trialCount();
        List<Map<String, Object>> dataKeys = data.stream().map(DataSpec::toMap).toList();
        List<Map<String, Object>> modelKeys = models.stream().map(ModelSpec::toMap).toList();
        List<Map<String, Object>> optimizerKeys = opts.stream().map(GridSpec::optimizerMap).toList();
        Map<String, Object> training = spec.training().toMap();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < total;
            }

            @Override
            public Trial next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] at = new int[sizes.length];
                int rest = next;
                for (int axis = sizes.length - 1; axis >= 0; axis--) {
                    at[axis] = rest % sizes[axis];
                    rest /= sizes[axis];
                }
                DataSpec d = data.get(at[0]);
                ModelSpec m = models.get(at[1]);
                Loss l = losses.get(at[2]);
                Optimizer o = opts.get(at[3]);
                double alpha = cells.get(at[4]).alpha();
                double lr = cells.get(at[4]).learningRate();
                long seed = seeds.get(at[5]);
                String id = TrialIds.of(dataKeys.get(at[0]), modelKeys.get(at[1]), l.toSpec(), optimizerKeys.get(at[3]), alpha,
                        lr, seed, training);
                return new Trial(id, next++, d.name(), m, l, o, alpha, lr, seed);
            }
        };
    }
}
