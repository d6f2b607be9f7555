package io.lossgrid.job;

import io.lossgrid.data.TrainingData;
import io.lossgrid.device.Backend;
import io.lossgrid.device.DeviceUnavailable;
import io.lossgrid.device.TaskDevice;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Outcome;
import io.lossgrid.outcome.Status;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.Trainer;
import io.lossgrid.train.TrainingPlan;
import io.lossgrid.train.TrialResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor's side of a sweep: trains the trials of one partition (alike linear trials packed,
 * others one at a time, see {@link Trainer}) against the broadcast data, and counts them for the driver's progress line. Carries only what the task
 * needs; never reads driver state. Before any ND4J array is created, the task binds its thread to the GPU Spark
 * assigned it ({@link TaskDevice#bind}); when that device is unusable, every trial of the task becomes a FAILED
 * row naming the cause, and the executor lives on.
 */
final class TrainPartition implements FlatMapFunction<Iterator<Trial>, TrialRow> {
    private final Broadcast<Map<String, TrainingData>> data;
    private final TrainingPlan plan;
    private final LongAccumulator done;
    private final LongAccumulator diverged;
    private final LongAccumulator failed;
    private final LongAccumulator gpuUnused;
    private final boolean packing;
    private final Backend backend;

    TrainPartition(Broadcast<Map<String, TrainingData>> data, TrainingPlan plan, boolean packing, LongAccumulator done,
                   LongAccumulator diverged, LongAccumulator failed, LongAccumulator gpuUnused, Backend backend) {
        this.data = data;
        this.plan = plan;
        this.packing = packing;
        this.done = done;
        this.diverged = diverged;
        this.failed = failed;
        this.gpuUnused = gpuUnused;
        this.backend = backend;
    }

    @Override
    public Iterator<TrialRow> call(Iterator<Trial> trials) {
        String executor = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
        List<Trial> mine = new ArrayList<>();
        trials.forEachRemaining(mine::add);
        List<TrialRow> out = new ArrayList<>(mine.size());
        Map<String, String[]> resources = resources(TaskContext.get());
        TaskDevice device;
        try {
            device = TaskDevice.bind(resources, backend); // before any array of this thread
        } catch (DeviceUnavailable e) {
            for (Trial t : mine) {
                record(out, unbound(t, e), executor, TaskDevice.unbound(resources));
            }
            return out.iterator();
        }
        Nd4jThreads.onePerTask();
        TaskDevice bound = device;
        new Trainer(plan, packing, Trainer.DEFAULT_MAX_PACK).run(mine, data.value(), r -> record(out, r, executor, bound));
        return out.iterator();
    }

    private void record(List<TrialRow> out, TrialResult r, String executor, TaskDevice device) {
        out.add(new TrialRow(r, plan.training(), executor, System.currentTimeMillis(), device));
        if (device.gpuUnused()) {
            gpuUnused.add(1);
        }
        done.add(1);
        if (r.metrics().status() == Status.DIVERGED) {
            diverged.add(1);
        } else if (r.metrics().status() == Status.FAILED) {
            failed.add(1);
        }
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
}
