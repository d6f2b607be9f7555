package io.lossgrid.grid;

import io.lossgrid.data.DataSpec;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.GridSpec;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.SearchSpec;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.SweepSpec;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Expands a spec into its trials. The order is fixed by the spec alone: data, model, loss, optimizer, α,
 * learning rate (or the (α, lr) cells as listed, or sampled by a random search), seed, outermost first, each
 * axis in the order written. A boundary search runs in rounds that depend on outcomes: its trials come from
 * {@code io.lossgrid.search}, made by {@link #trial}.
 */
public final class Grid {
    private Grid() {
    }

    /**
     * The trials one at a time, for sweeps too large to hold at once.
     *
     * @throws IllegalArgumentException for a boundary search, whose trials are made round by round
     */
    public static Iterator<Trial> iterate(SweepSpec spec) {
        return trials(spec).iterator();
    }

    /**
     * The trials as a list that computes each trial when asked ({@code get(i)} is trial i), so that a sweep too
     * large to hold at once can still be indexed.
     *
     * @throws IllegalArgumentException for a boundary search, whose trials are made round by round
     */
    public static List<Trial> trials(SweepSpec spec) {
        if (!(spec.search() instanceof SearchSpec.OneRound oneRound)) {
            throw new IllegalArgumentException("search.strategy " + spec.search().strategy() + " runs in rounds chosen "
                    + "from outcomes; its trials come from the search package (Strategy), not from the grid alone");
        }
        List<DataSpec> data = spec.data();
        List<ModelSpec> models = spec.models();
        List<Loss> losses = spec.losses();
        List<Optimizer> opts = spec.grid().optimizers();
        List<GridSpec.Cell> cells = oneRound.cells(spec.grid());
        List<Long> seeds = spec.grid().seeds();
        int[] sizes = {data.size(), models.size(), losses.size(), opts.size(), cells.size(), seeds.size()};
        int total = Math.toIntExact(spec.trialCount()); // at most limits.maxTrials, an int
        List<Map<String, Object>> dataKeys = data.stream().map(DataSpec::toMap).toList();
        List<Map<String, Object>> modelKeys = models.stream().map(ModelSpec::toMap).toList();
        List<Map<String, Object>> optimizerKeys = opts.stream().map(GridSpec::optimizerMap).toList();
        Map<String, Object> training = spec.training().identity();
        return new AbstractList<>() {
            @Override
            public int size() {
                return total;
            }

            @Override
            public Trial get(int index) {
                Objects.checkIndex(index, total);
                int[] at = new int[sizes.length];
                int rest = index;
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
                return new Trial(id, index, d.name(), m, l, o, alpha, lr, seed);
            }
        };
    }

    /**
     * One trial, its id from its content (see {@link TrialIds}) as in {@link #iterate}.
     *
     * @param training the spec's resolved training settings for ids ({@code TrainingSpec.identity()})
     * @param index    its position in the sweep's order
     * @param round    the search round that runs it
     */
    public static Trial trial(DataSpec data, ModelSpec model, Loss loss, Optimizer optimizer, double alpha,
                              double learningRate, long seed, Map<String, Object> training, int index, int round) {
        String id = TrialIds.of(data.toMap(), model.toMap(), loss.toSpec(), GridSpec.optimizerMap(optimizer), alpha,
                learningRate, seed, training);
        return new Trial(id, index, data.name(), model, loss, optimizer, alpha, learningRate, seed, round);
    }
}
