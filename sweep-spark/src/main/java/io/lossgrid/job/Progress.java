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
 *
 * <p>The remaining time is estimated from the rate at which trials finished since the first batch was
 * committed, so start-up (Spark, ND4J, the JIT) does not count; it is {@code ?} until then. On a terminal
 * each update rewrites the line in place ({@code \r}, then clear to the end of line) and {@link #finish}
 * ends it; elsewhere (a log file, a pipe) each update is one line.
 */
final class Progress extends SparkListener {
    private final PrintStream out;
    private final long total;
    private final long alreadyDone;
    private final LongAccumulator done;
    private final LongAccumulator diverged;
    private final LongAccumulator failed;
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

    /**
     * @param inPlace rewrite one line (a terminal) rather than print a line per update
     */
    Progress(PrintStream out, long total, long alreadyDone, LongAccumulator done, LongAccumulator diverged,
             LongAccumulator failed, long intervalMs, boolean inPlace) {
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

    String line(long now) {
        long trained = committedDone + Math.min(done.value(), inFlight);
        long all = alreadyDone + trained;
        double elapsed = (now - startNanos) / 1e9;
        long pending = total - alreadyDone;
        String remaining = remaining(now, trained, pending);
        return String.format(Locale.ROOT, "[lossgrid] %d/%d trials (%.0f%%) | diverged %d | failed %d | elapsed %s | remaining %s",
                all, total, total == 0 ? 100.0 : 100.0 * all / total, committedDiverged + Math.min(diverged.value(), inFlight), committedFailed + Math.min(failed.value(), inFlight),
                clock(elapsed),
                remaining);
    }

    /** Time left at the rate trials finished since the first commit; {@code ?} before a trial finished after it. */
    private String remaining(long now, long trained, long pending) {
        long since = trained - doneAtFirstCommit;
        if (trained >= pending) {
            return "0:00";
        }
        if (firstCommitNanos < 0 || since <= 0 || now <= firstCommitNanos) {
            return "?";
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
