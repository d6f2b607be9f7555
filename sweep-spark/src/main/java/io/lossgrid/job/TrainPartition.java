package io.lossgrid.job;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Outcome;
import io.lossgrid.outcome.Status;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.Trainer;
import io.lossgrid.train.TrainingPlan;
import io.lossgrid.train.TrialResult;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor's side of a sweep: trains the trials of one partition (alike linear trials packed,
 * others one at a time, see {@link Trainer}) against the broadcast data, and counts them for the driver's
 * progress line. Carries only what the task needs; never reads driver state.
 *
 * <p>Memory is bounded ({@link TrialMemory}): the trials are trained in chunks of at most
 * {@link TrialMemory#maxPack} as Spark pulls the rows, so a task holds one chunk's curves, not its whole
 * partition's. An {@link OutOfMemoryError} while training a chunk (the JVM survives it: the chunk's arrays
 * are unreachable once it is thrown) makes its untrained trials train again one at a time without packing;
 * a trial that runs out of memory alone is a FAILED row whose error says what its curves needed.
 */
final class TrainPartition implements FlatMapFunction<Iterator<Trial>, TrialRow> {
    /** Trains some trials, handing each result to the sink; the seam the tests use to throw {@link OutOfMemoryError}. */
    @FunctionalInterface
    interface Chunk extends Serializable {
        void train(List<Trial> trials, boolean packing, int maxPack, Consumer<TrialResult> sink);
    }

    private final TrainingPlan plan;
    private final LongAccumulator done;
    private final LongAccumulator diverged;
    private final LongAccumulator failed;
    private final boolean packing;
    private final Chunk chunk;

    TrainPartition(Broadcast<Map<String, TrainingData>> data, TrainingPlan plan, boolean packing, LongAccumulator done,
                   LongAccumulator diverged, LongAccumulator failed) {
        this(plan, packing, done, diverged, failed,
                (trials, pack, maxPack, sink) -> new Trainer(plan, pack, maxPack).run(trials, data.value(), sink));
    }

    TrainPartition(TrainingPlan plan, boolean packing, LongAccumulator done, LongAccumulator diverged,
                   LongAccumulator failed, Chunk chunk) {
        this.plan = plan;
        this.packing = packing;
        this.done = done;
        this.diverged = diverged;
        this.failed = failed;
        this.chunk = chunk;
    }

    @Override
    public Iterator<TrialRow> call(Iterator<Trial> trials) {
        Nd4jThreads.onePerTask();
        String executor = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
        return rows(trials, TrialMemory.here(plan.training().epochs()), executor);
    }

    /** The rows of {@code trials}, trained a chunk at a time as they are pulled. */
    Iterator<TrialRow> rows(Iterator<Trial> trials, TrialMemory memory, String executor) {
        int size = memory.maxPack();
        return new Iterator<>() {
            private final ArrayDeque<TrialRow> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && trials.hasNext()) {
                    List<Trial> next = new ArrayList<>(size);
                    while (next.size() < size && trials.hasNext()) {
                        next.add(trials.next());
                    }
                    train(next, memory, r -> ready.add(row(r, executor)));
                }
                return !ready.isEmpty();
            }

            @Override
            public TrialRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the partition's trials are all trained");
                }
                return ready.poll();
            }
        };
    }

    private void train(List<Trial> trials, TrialMemory memory, Consumer<TrialResult> sink) {
        Set<String> finished = new HashSet<>();
        try {
            chunk.train(trials, packing, memory.maxPack(), r -> {
                finished.add(r.trial().id());
                sink.accept(r);
            });
            return;
        } catch (OutOfMemoryError e) {
            org.slf4j.LoggerFactory.getLogger(TrainPartition.class).warn(
                    "out of memory training {} trials together ({}); training the other {} one at a time",
                    trials.size(), memory.describe(), trials.size() - finished.size());
        }
        for (Trial t : trials) {
            if (finished.contains(t.id())) {
                continue;
            }
            try {
                chunk.train(List.of(t), false, 1, sink);
            } catch (OutOfMemoryError e) {
                sink.accept(outOfMemory(t, e, memory));
            }
        }
    }

    /** A FAILED result for a trial that ran out of memory alone. */
    private TrialResult outOfMemory(Trial t, OutOfMemoryError e, TrialMemory memory) {
        String error = "java.lang.OutOfMemoryError: " + e.getMessage() + " (" + memory.describe() + ")";
        return new TrialResult(t, Outcome.failed(new double[0], 0, plan.target(t)), new double[0], new double[0], error,
                0, "single");
    }

    private TrialRow row(TrialResult r, String executor) {
        done.add(1);
        if (r.metrics().status() == Status.DIVERGED) {
            diverged.add(1);
        } else if (r.metrics().status() == Status.FAILED) {
            failed.add(1);
        }
        return new TrialRow(r, plan.training(), executor, System.currentTimeMillis());
    }
}
