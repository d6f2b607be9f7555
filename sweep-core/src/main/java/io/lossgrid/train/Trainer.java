package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a list of trials (one Spark task's share): alike packable trials in packs of at most
 * {@code maxPack} with {@link PackedLinearRunner}, every other trial alone with {@link Dl4jTrialRunner}.
 * A pack that throws is retried one trial at a time, so an error stays with the trial that caused it.
 */
public final class Trainer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Trainer.class);
    public static final int DEFAULT_MAX_PACK = 512;

    private final TrainingPlan plan;
    private final boolean packing;
    private final int maxPack;
    private final EpochListener epochs;
    private final Models models;

    /** A trainer that reports no epochs. */
    public Trainer(TrainingPlan plan, boolean packing, int maxPack) {
        this(plan, packing, maxPack, EpochListener.NONE);
    }

    /** A trainer that tells {@code epochs} of every epoch trained (see {@link EpochListener}). */
    public Trainer(TrainingPlan plan, boolean packing, int maxPack, EpochListener epochs) {
        this(plan, packing, maxPack, epochs, Models.NONE);
    }

    /**
     * A trainer that also saves each trial's network as {@code models} says. Packing is off when models are
     * saved: a packed trial trains as rows of one stacked computation and has no DL4J network of its own.
     */
    public Trainer(TrainingPlan plan, boolean packing, int maxPack, EpochListener epochs, Models models) {
        if (maxPack < 1) {
            throw new IllegalArgumentException("maxPack must be >= 1, found " + maxPack);
        }
        this.plan = plan;
        this.models = java.util.Objects.requireNonNull(models, "models");
        this.packing = packing && !models.output().saves();
        this.maxPack = maxPack;
        this.epochs = java.util.Objects.requireNonNull(epochs, "epochs");
    }

    public void run(List<Trial> trials, Map<String, TrainingData> data, Consumer<TrialResult> sink) {
        Dl4jTrialRunner single = new Dl4jTrialRunner(plan, epochs, models);
        Map<String, List<Trial>> packs = new LinkedHashMap<>();
        for (Trial t : trials) {
            TrainingData d = data.get(t.dataKey());
            if (packing && d != null && PackedLinearRunner.packable(t, d, plan.training())) {
                List<Trial> pack = packs.computeIfAbsent(PackedLinearRunner.packKey(t), key -> new ArrayList<>());
                pack.add(t);
                if (pack.size() == maxPack) {
                    runPack(packs.remove(PackedLinearRunner.packKey(t)), data, single, sink);
                }
            } else {
                sink.accept(single.run(t, d));
            }
        }
        for (List<Trial> pack : packs.values()) {
            runPack(pack, data, single, sink);
        }
    }

    private void runPack(List<Trial> pack, Map<String, TrainingData> data, Dl4jTrialRunner single,
                         Consumer<TrialResult> sink) {
        TrainingData d = data.get(pack.get(0).dataKey());
        if (pack.size() == 1) {
            sink.accept(single.run(pack.get(0), d));
            return;
        }
        List<TrialResult> results;
        try {
            results = new PackedLinearRunner(plan, epochs).run(pack, d);
        } catch (RuntimeException e) {
            LOG.warn("a pack of {} trials ({}) failed, training them one at a time: {}", pack.size(),
                    PackedLinearRunner.packKey(pack.get(0)), e.toString());
            pack.forEach(t -> sink.accept(single.run(t, d)));
            return;
        }
        results.forEach(sink);
    }
}
