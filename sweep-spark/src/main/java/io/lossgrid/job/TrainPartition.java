package io.lossgrid.job;

import io.lossgrid.data.TrainingData;
import io.lossgrid.device.Backend;
import io.lossgrid.device.DeviceUnavailable;
import io.lossgrid.device.Nd4jBackend;
import io.lossgrid.device.TaskDevice;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Outcome;
import io.lossgrid.outcome.Status;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.Models;
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
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor's side of a sweep: trains the trials of one partition (alike linear trials and alike networks
 * packed, others one at a time, see {@link Trainer}) against the broadcast data, and counts them for the driver's
 * progress line: each finished trial, and each epoch trained as it is trained (the accumulator
 * {@code lossgrid.epochs.done}, which Spark reports with the executor's heartbeats while the task runs).
 * Carries only what the task needs; never reads driver state.
 *
 * <p>Before any ND4J array is created, the task binds its thread to the GPU Spark assigned it
 * ({@link TaskDevice#bind}); every row records that device. When the device is unusable (a CUDA build without a
 * driver, an address ND4J does not see), every trial of the task becomes a FAILED row naming the cause, and the
 * executor lives on.
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
    private final LongAccumulator gpuUnused;
    private final boolean packing;
    private final Backend backend;
    private final Chunk chunk;

    /**
     * Trains with {@link Trainer} against the broadcast {@code data}; packs of networks take at most
     * {@code packBytes}, or with 0 what {@link TrialMemory#packBytes} gives on the executor.
     */
    TrainPartition(Broadcast<Map<String, TrainingData>> data, TrainingPlan plan, boolean packing, long packBytes,
                   LongAccumulator done, LongAccumulator diverged, LongAccumulator failed, LongAccumulator epochs,
                   LongAccumulator gpuUnused, Backend backend) {
        this(data, plan, packing, packBytes, done, diverged, failed, epochs, gpuUnused, backend, Models.NONE);
    }

    /** As above, saving each trial's network as {@code models} says (packing is then off, see {@link Trainer}). */
    TrainPartition(Broadcast<Map<String, TrainingData>> data, TrainingPlan plan, boolean packing, long packBytes,
                   LongAccumulator done, LongAccumulator diverged, LongAccumulator failed, LongAccumulator epochs,
                   LongAccumulator gpuUnused, Backend backend, Models models) {
        this(plan, packing, done, diverged, failed, gpuUnused, backend,
                (trials, pack, maxPack, sink) -> new Trainer(plan, pack, maxPack,
                        packBytes > 0 ? packBytes : TrialMemory.here(plan.training().epochs(),
                                plan.training().traceIterations()).packBytes(),
                        n -> epochs.add(n), models).run(trials, data.value(), sink));
    }

    /** As above, packs of networks sized to the executor. */
    TrainPartition(Broadcast<Map<String, TrainingData>> data, TrainingPlan plan, boolean packing, LongAccumulator done,
                   LongAccumulator diverged, LongAccumulator failed, LongAccumulator epochs, LongAccumulator gpuUnused,
                   Backend backend) {
        this(data, plan, packing, 0, done, diverged, failed, epochs, gpuUnused, backend, Models.NONE);
    }

    /** With a chunk trainer of the tests' and ND4J's own backend; no task of it is assigned a GPU. */
    TrainPartition(TrainingPlan plan, boolean packing, LongAccumulator done, LongAccumulator diverged,
                   LongAccumulator failed, Chunk chunk) {
        this(plan, packing, done, diverged, failed, new LongAccumulator(), Nd4jBackend.INSTANCE, chunk);
    }

    private TrainPartition(TrainingPlan plan, boolean packing, LongAccumulator done, LongAccumulator diverged,
                           LongAccumulator failed, LongAccumulator gpuUnused, Backend backend, Chunk chunk) {
        this.plan = plan;
        this.packing = packing;
        this.done = done;
        this.diverged = diverged;
        this.failed = failed;
        this.gpuUnused = gpuUnused;
        this.backend = backend;
        this.chunk = chunk;
    }

    @Override
    public Iterator<TrialRow> call(Iterator<Trial> trials) {
        String executor = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
        Map<String, String[]> resources = resources(TaskContext.get());
        TaskDevice device;
        try {
            device = TaskDevice.bind(resources, backend); // before any array of this thread
        } catch (DeviceUnavailable e) {
            TaskDevice none = TaskDevice.unbound(resources);
            List<TrialRow> out = new ArrayList<>();
            trials.forEachRemaining(t -> out.add(row(unbound(t, e), executor, none)));
            return out.iterator();
        }
        Nd4jThreads.onePerTask();
        return rows(trials, TrialMemory.here(plan.training().epochs(), plan.training().traceIterations()), executor, device);
    }

    /** The rows of {@code trials} trained on the CPU by a task without a GPU, a chunk at a time as they are pulled. */
    Iterator<TrialRow> rows(Iterator<Trial> trials, TrialMemory memory, String executor) {
        return rows(trials, memory, executor, TaskDevice.CPU);
    }

    /** The rows of {@code trials} trained on {@code device}, a chunk at a time as they are pulled. */
    Iterator<TrialRow> rows(Iterator<Trial> trials, TrialMemory memory, String executor, TaskDevice device) {
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
                    train(next, memory, r -> ready.add(row(r, executor, device)));
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

    /** The FAILED result of a trial whose task could not bind its device: no curve, the cause as its error. */
    static TrialResult unbound(Trial trial, DeviceUnavailable cause) {
        return new TrialResult(trial, Outcome.failed(new double[0], 0, null), new double[0], new double[0],
                "DeviceUnavailable: " + cause.getMessage(), 0, "single");
    }

    /** The task's resources, name to addresses; empty outside a task or when it was assigned none. */
    static Map<String, String[]> resources(TaskContext task) {
        if (task == null) {
            return Map.of();
        }
        Map<String, String[]> out = new TreeMap<>();
        task.resourcesJMap().forEach((name, info) -> out.put(name, info.addresses()));
        return out;
    }

    private TrialRow row(TrialResult r, String executor, TaskDevice device) {
        if (device.gpuUnused()) {
            gpuUnused.add(1);
        }
        done.add(1);
        if (r.metrics().status() == Status.DIVERGED) {
            diverged.add(1);
        } else if (r.metrics().status() == Status.FAILED) {
            failed.add(1);
        }
        return new TrialRow(r, plan.training(), executor, System.currentTimeMillis(), device);
    }
}
