package io.lossgrid.job;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;

/**
 * The progress line: trials done of total, diverged and failed so far, elapsed and remaining time.
 * Printed when tasks end (at most every {@code intervalMs}) and at every commit. Counts are the exact
 * counts of committed batches plus, for the batch in flight, accumulators the executors add to, capped
 * at the batch's size (a lost executor's partitions are trained again and would count twice).
 */
final class Progress extends SparkListener {
    private final PrintStream out;
    private final long total;
    private final long alreadyDone;
    private final LongAccumulator done;
    private final LongAccumulator diverged;
    private final LongAccumulator failed;
    private final long intervalMs;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private long lastPrintedDone = -1;
    private long committedDone;
    private long committedDiverged;
    private long committedFailed;
    private long inFlight;

    Progress(PrintStream out, long total, long alreadyDone, LongAccumulator done, LongAccumulator diverged,
             LongAccumulator failed, long intervalMs) {
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
        print(false);
    }

    /** A batch of {@code size} trials starts: the accumulators count it from zero. */
    synchronized void batchStarts(int size) {
        inFlight = size;
        done.reset();
        diverged.reset();
        failed.reset();
    }

    /** A batch was committed with these counts. */
    synchronized void batchCommitted(long trials, long divergedTrials, long failedTrials) {
        committedDone += trials;
        committedDiverged += divergedTrials;
        committedFailed += failedTrials;
        inFlight = 0;
        done.reset();
        diverged.reset();
        failed.reset();
    }

    synchronized void print(boolean force) {
        long now = System.nanoTime();
        long trained = committedDone + Math.min(done.value(), inFlight);
        if (trained == lastPrintedDone || !force && (now - lastPrintNanos) / 1_000_000 < intervalMs) {
            return;
        }
        lastPrintNanos = now;
        lastPrintedDone = trained;
        out.println(line(now));
        out.flush();
    }

    String line(long now) {
        long trained = committedDone + Math.min(done.value(), inFlight);
        long all = alreadyDone + trained;
        double elapsed = (now - startNanos) / 1e9;
        long pending = total - alreadyDone;
        String remaining = trained == 0 ? "?" : "~" + clock(elapsed / trained * Math.max(0, pending - trained));
        return String.format(Locale.ROOT, "[lossgrid] %d/%d trials (%.0f%%) | diverged %d | failed %d | elapsed %s | remaining %s",
                all, total, total == 0 ? 100.0 : 100.0 * all / total, committedDiverged + Math.min(diverged.value(), inFlight), committedFailed + Math.min(failed.value(), inFlight),
                clock(elapsed),
                remaining);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
