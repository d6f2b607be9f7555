package io.lossgrid.job;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;

/**
 * The progress line: trials done of total, diverged and failed so far, elapsed and remaining time.
 * Printed when tasks end (at most every {@code intervalMs}) and at every commit. Counts are the exact
 * counts of committed batches plus, for the batch in flight, accumulators the executors add to, capped
 * at the batch's size (a lost executor's partitions are trained again and would count twice).
 *
 * <p>The remaining time is estimated from the rate at which trials finished since the first batch was
 * committed, so start-up (Spark, ND4J, the JIT) does not count; it is {@code ?} until then. On a terminal
 * each update rewrites the line in place ({@code \r}, then clear to the end of line) and {@link #finish}
 * ends it; elsewhere (a log file, a pipe) each update is one line.
 *
 * <p>Long trials: the executors also count the epochs they train ({@link Epochs}); Spark sends a running task's
 * count with every executor heartbeat ({@code spark.executor.heartbeatInterval}, 10 s by default), and a finished
 * task's with its end. When trials are long (at least {@link #LONG_TRIAL_EPOCHS} epochs each, or no trial of the
 * batch in flight has finished yet while epochs have been reported) the line adds {@code epochs E of T}, T being
 * the batch's trials times the epochs of a trial, and until a trial has finished after the first commit the
 * remaining time is estimated from the rate of epochs since the batch started.
 */
final class Progress extends SparkListener {
    /** Trials of at least this many epochs are long: the line always counts their epochs. */
    static final int LONG_TRIAL_EPOCHS = 1000;

    /**
     * The executors' epoch count and the epochs of one trial.
     *
     * @param done     the accumulator the tasks add every epoch trained to
     * @param perTrial the epochs of one trial, at least 1
     */
    record Epochs(LongAccumulator done, int perTrial) {
        Epochs {
            Objects.requireNonNull(done, "done");
            if (perTrial < 1) {
                throw new IllegalArgumentException("training.epochs must be >= 1, found " + perTrial);
            }
        }
    }

    private final PrintStream out;
    private final long total;
    private final long alreadyDone;
    private final LongAccumulator done;
    private final LongAccumulator diverged;
    private final LongAccumulator failed;
    private final Epochs epochs;
    private final long intervalMs;
    private final boolean inPlace;
    private final long startNanos = System.nanoTime();
    private long firstCommitNanos = -1;
    private long doneAtFirstCommit;
    private boolean lineOpen;
    private long lastPrintNanos;
    private long lastPrintedDone = -1;
    private long committedDone;
    private long committedDiverged;
    private long committedFailed;
    private long inFlight;
    private long batchStartNanos;
    private long lastPrintedEpochs = -1;
    /** Epochs of the batch's running tasks, by task id, as their last heartbeat said (summed, never printed in order). */
    private final Map<Long, Long> runningEpochs = new HashMap<>();
    /** Tasks of the batch that ended: a heartbeat sent before the end and received after it is ignored. */
    private final Set<Long> endedTasks = new HashSet<>();

    /**
     * @param inPlace rewrite one line (a terminal) rather than print a line per update
     */
    Progress(PrintStream out, long total, long alreadyDone, LongAccumulator done, LongAccumulator diverged,
             LongAccumulator failed, Epochs epochs, long intervalMs, boolean inPlace) {
        this.epochs = Objects.requireNonNull(epochs, "epochs");
        this.inPlace = inPlace;
        this.out = out;
        this.total = total;
        this.alreadyDone = alreadyDone;
        this.done = done;
        this.diverged = diverged;
        this.failed = failed;
        this.intervalMs = intervalMs;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        taskEnded(taskEnd.taskInfo().taskId());
        print(false);
    }

    /** A heartbeat: the epoch counts of the executor's running tasks of this run. */
    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        long id = epochs.done().id();
        for (Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> task
                : JavaConverters.seqAsJavaListConverter(update.accumUpdates()).asJava()) {
            for (AccumulableInfo info : JavaConverters.seqAsJavaListConverter(task._4()).asJava()) {
                if (info.id() == id && info.update().isDefined() && info.update().get() instanceof Long n) {
                    taskEpochs((Long) task._1(), n);
                }
            }
        }
        print(false);
    }

    /** Task {@code taskId}, still running, has trained {@code trained} epochs. */
    synchronized void taskEpochs(long taskId, long trained) {
        if (inFlight > 0 && !endedTasks.contains(taskId)) {
            runningEpochs.put(taskId, trained);
        }
    }

    /** Task {@code taskId} ended: its epochs are now in the accumulator's value (or were lost with it). */
    synchronized void taskEnded(long taskId) {
        runningEpochs.remove(taskId);
        endedTasks.add(taskId);
    }

    /** A batch of {@code size} trials starts: the accumulators count it from zero. */
    synchronized void batchStarts(int size) {
        batchStarts(size, System.nanoTime());
    }

    /** As {@link #batchStarts(int)}, at {@code now} (nanoTime). */
    synchronized void batchStarts(int size, long now) {
        inFlight = size;
        batchStartNanos = now;
        resetBatch();
    }

    private void resetBatch() {
        done.reset();
        diverged.reset();
        failed.reset();
        epochs.done().reset();
        runningEpochs.clear();
        endedTasks.clear();
    }

    /** A batch was committed with these counts. */
    synchronized void batchCommitted(long trials, long divergedTrials, long failedTrials) {
        batchCommitted(trials, divergedTrials, failedTrials, System.nanoTime());
    }

    /** As {@link #batchCommitted(long, long, long)}, at {@code now} (nanoTime). */
    synchronized void batchCommitted(long trials, long divergedTrials, long failedTrials, long now) {
        committedDone += trials;
        if (firstCommitNanos < 0) {
            firstCommitNanos = now;
            doneAtFirstCommit = committedDone;
        }
        committedDiverged += divergedTrials;
        committedFailed += failedTrials;
        inFlight = 0;
        resetBatch();
    }

    synchronized void print(boolean force) {
        long now = System.nanoTime();
        long trained = committedDone + Math.min(done.value(), inFlight);
        long epochsDone = epochsShown();
        if (trained == lastPrintedDone && epochsDone == lastPrintedEpochs
                || !force && (now - lastPrintNanos) / 1_000_000 < intervalMs) {
            return;
        }
        lastPrintNanos = now;
        lastPrintedDone = trained;
        lastPrintedEpochs = epochsDone;
        if (inPlace) {
            out.print("\r" + line(now) + "\u001b[K");
            lineOpen = true;
        } else {
            out.println(line(now));
        }
        out.flush();
    }

    /** Ends a line rewritten in place, so what is printed next starts on its own line. */
    synchronized void finish() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
        }
    }

    synchronized String line(long now) {
        long trained = committedDone + Math.min(done.value(), inFlight);
        long all = alreadyDone + trained;
        double elapsed = (now - startNanos) / 1e9;
        long pending = total - alreadyDone;
        long epochsDone = epochsShown();
        String remaining = remaining(now, trained, pending, epochsDone);
        String epochPart = "";
        if (epochsDone >= 0) {
            long of = inFlight * epochs.perTrial();
            epochPart = String.format(Locale.ROOT, " | epochs %d of %d (%.0f%%)", epochsDone, of, 100.0 * epochsDone / of);
        }
        return String.format(Locale.ROOT, "[lossgrid] %d/%d trials (%.0f%%)%s | diverged %d | failed %d | elapsed %s | remaining %s",
                all, total, total == 0 ? 100.0 : 100.0 * all / total, epochPart, committedDiverged + Math.min(diverged.value(), inFlight), committedFailed + Math.min(failed.value(), inFlight),
                clock(elapsed),
                remaining);
    }

    /**
     * The epochs the batch in flight has trained (its finished tasks' and its running tasks' last reports), at
     * most its trials times a trial's epochs; -1 when the line does not count epochs (no batch in flight, no
     * epoch reported, or short trials of which one has finished).
     */
    private long epochsShown() {
        long reported = epochs.done().value();
        for (long n : runningEpochs.values()) {
            reported += n;
        }
        boolean longTrials = epochs.perTrial() >= LONG_TRIAL_EPOCHS || done.value() == 0;
        if (inFlight <= 0 || reported <= 0 || !longTrials) {
            return -1;
        }
        return Math.min(reported, inFlight * epochs.perTrial());
    }

    /**
     * Time left at the rate trials finished since the first commit; before a trial finished after it, at the
     * rate epochs were trained since the batch started when epochs are counted, else {@code ?}.
     */
    private String remaining(long now, long trained, long pending, long epochsDone) {
        long since = trained - doneAtFirstCommit;
        if (trained >= pending) {
            return "0:00";
        }
        if (firstCommitNanos < 0 || since <= 0 || now <= firstCommitNanos) {
            if (epochsDone <= 0 || now <= batchStartNanos) {
                return "?";
            }
            double perEpoch = (now - batchStartNanos) / 1e9 / epochsDone;
            long epochsLeft = Math.max(0, (pending - committedDone) * epochs.perTrial() - epochsDone);
            return "~" + clock(perEpoch * epochsLeft);
        }
        double perTrial = (now - firstCommitNanos) / 1e9 / since;
        return "~" + clock(perTrial * (pending - trained));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
