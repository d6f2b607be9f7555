package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a list of trials (one Spark task's share): alike packable trials in packs, linear ones of at most
 * {@code maxPack} with {@link PackedLinearRunner}, networks of at most {@code maxPack} and as many as
 * {@code packBytes} holds ({@link PackedMlpRunner#trialBytes}) with {@link PackedMlpRunner}, every other trial
 * alone with {@link Dl4jTrialRunner}. A pack that throws is retried one trial at a time, so an error stays with
 * the trial that caused it.
 */
public final class Trainer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Trainer.class);
    public static final int DEFAULT_MAX_PACK = 512;
    /**
     * The most bytes a pack of networks takes unless the user sizes it ({@code --pack-bytes}): packs beyond a few
     * dozen trials train no faster (their per-op cost is already spread; docs/benchmarks.md, "Packed MLPs") but
     * hold their activations off the heap: 10,000 MLP trials ran at 63 trials/s either way, in 2.3 GiB with
     * 64 MiB packs instead of 5.1 GiB with packs sized to the heap.
     */
    public static final long DEFAULT_PACK_BYTES = 64L << 20;

    private final TrainingPlan plan;
    private final boolean packing;
    private final int maxPack;
    private final long packBytes;
    private final EpochListener epochs;
    private final Models models;

    /** A trainer that reports no epochs. */
    public Trainer(TrainingPlan plan, boolean packing, int maxPack) {
        this(plan, packing, maxPack, EpochListener.NONE);
    }

    /** A trainer that tells {@code epochs} of every epoch trained (see {@link EpochListener}), packs of networks
     * bounded by {@link #DEFAULT_PACK_BYTES}. */
    public Trainer(TrainingPlan plan, boolean packing, int maxPack, EpochListener epochs) {
        this(plan, packing, maxPack, DEFAULT_PACK_BYTES, epochs, Models.NONE);
    }

    /**
     * A trainer whose packs of networks take at most {@code packBytes} (at least one trial each), telling
     * {@code epochs} of every epoch trained.
     */
    public Trainer(TrainingPlan plan, boolean packing, int maxPack, long packBytes, EpochListener epochs) {
        this(plan, packing, maxPack, packBytes, epochs, Models.NONE);
    }

    /**
     * A trainer that also saves each trial's network as {@code models} says. Packing is off when models are
     * saved: a packed trial trains as rows of one stacked computation and has no DL4J network of its own.
     */
    public Trainer(TrainingPlan plan, boolean packing, int maxPack, long packBytes, EpochListener epochs,
                   Models models) {
        if (maxPack < 1) {
            throw new IllegalArgumentException("maxPack must be >= 1, found " + maxPack);
        }
        if (packBytes < 1) {
            throw new IllegalArgumentException("packBytes must be >= 1, found " + packBytes);
        }
        this.plan = plan;
        this.models = java.util.Objects.requireNonNull(models, "models");
        this.packing = packing && !models.output().saves();
        this.maxPack = maxPack;
        this.packBytes = packBytes;
        this.epochs = java.util.Objects.requireNonNull(epochs, "epochs");
    }

    /**
     * Trains {@code trials} on their data, handing each result to {@code sink}: alike packable trials in packs (in
     * the order their first trial comes), every other trial alone, in the order given.
     */
    public void run(List<Trial> trials, Map<String, TrainingData> data, Consumer<TrialResult> sink) {
        Dl4jTrialRunner single = new Dl4jTrialRunner(plan, epochs, models);
        Map<Slot, List<Trial>> packs = new LinkedHashMap<>();
        for (Trial t : trials) {
            TrainingData d = data.get(t.dataKey());
            Slot slot = packing && d != null ? slot(t, d) : null;
            if (slot == null) {
                sink.accept(single.run(t, d));
                continue;
            }
            List<Trial> pack = packs.computeIfAbsent(slot, k -> new ArrayList<>());
            pack.add(t);
            if (pack.size() >= slot.limit()) {
                runPack(slot, packs.remove(slot), data, single, sink);
            }
        }
        packs.forEach((slot, pack) -> runPack(slot, pack, data, single, sink));
    }

    /**
     * Where a trial is packed: the key alike trials share, the most trials of one pack ({@code maxPack}, and for
     * networks what {@code packBytes} holds), and whether {@link PackedLinearRunner} or {@link PackedMlpRunner}
     * trains it.
     */
    private record Slot(String key, int limit, boolean linear) {
    }

    /** The slot {@code t} takes on {@code d}, or null where it trains alone. */
    private Slot slot(Trial t, TrainingData d) {
        TrainingSpec training = plan.training();
        if (PackedLinearRunner.packable(t, d, training)) {
            return new Slot("linear|" + PackedLinearRunner.packKey(t), maxPack, true);
        }
        if (PackedMlpRunner.packable(t, d, training)) {
            long bytes = PackedMlpRunner.trialBytes(t, d, training);
            return new Slot("mlp|" + PackedMlpRunner.packKey(t, training),
                    (int) Math.max(1, Math.min(maxPack, packBytes / bytes)), false);
        }
        return null;
    }

    private void runPack(Slot slot, List<Trial> pack, Map<String, TrainingData> data, Dl4jTrialRunner single,
                         Consumer<TrialResult> sink) {
        TrainingData d = data.get(pack.get(0).dataKey());
        if (pack.size() == 1) {
            sink.accept(single.run(pack.get(0), d));
            return;
        }
        List<TrialResult> results;
        try {
            results = slot.linear() ? new PackedLinearRunner(plan, epochs).run(pack, d)
                    : new PackedMlpRunner(plan, epochs).run(pack, d);
        } catch (RuntimeException e) {
            LOG.warn("a pack of {} trials ({}) failed, training them one at a time: {}", pack.size(), slot.key(),
                    e.toString());
            pack.forEach(t -> sink.accept(single.run(t, d)));
            return;
        }
        results.forEach(sink);
    }
}
