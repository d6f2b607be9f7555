package io.lossgrid.job;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.Trainer;
import io.lossgrid.train.TrainingPlan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor's side of a sweep: trains the trials of one partition (alike linear trials packed,
 * others one at a time, see {@link Trainer}) against the broadcast data, and counts them for the driver's progress line. Carries only what the task
 * needs; never reads driver state.
 */
final class TrainPartition implements FlatMapFunction<Iterator<Trial>, TrialRow> {
    private final Broadcast<Map<String, TrainingData>> data;
    private final TrainingPlan plan;
    private final LongAccumulator done;
    private final LongAccumulator diverged;
    private final LongAccumulator failed;
    private final boolean packing;

    TrainPartition(Broadcast<Map<String, TrainingData>> data, TrainingPlan plan, boolean packing, LongAccumulator done,
                   LongAccumulator diverged, LongAccumulator failed) {
        this.data = data;
        this.plan = plan;
        this.packing = packing;
        this.done = done;
        this.diverged = diverged;
        this.failed = failed;
    }

    @Override
    public Iterator<TrialRow> call(Iterator<Trial> trials) {
        Nd4jThreads.onePerTask();
        String executor = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
        List<Trial> mine = new ArrayList<>();
        trials.forEachRemaining(mine::add);
        List<TrialRow> out = new ArrayList<>(mine.size());
        new Trainer(plan, packing, Trainer.DEFAULT_MAX_PACK).run(mine, data.value(), r -> {
            out.add(new TrialRow(r, plan.training(), executor, System.currentTimeMillis()));
            done.add(1);
            if (r.metrics().status() == Status.DIVERGED) {
                diverged.add(1);
            } else if (r.metrics().status() == Status.FAILED) {
                failed.add(1);
            }
        });
        return out.iterator();
    }
}
