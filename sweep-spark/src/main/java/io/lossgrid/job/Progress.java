package io.lossgrid.job;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;

/**
 * The progress line: trials done of total, diverged and failed so far, elapsed and remaining time.
 * Printed when tasks end (at most every {@code intervalMs}) and at every commit. Counts come from
 * accumulators the executors add to; they are for display, the committed tables are the record.
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

    synchronized void print(boolean force) {
        long now = System.nanoTime();
        long trained = done.value();
        if (trained == lastPrintedDone || !force && (now - lastPrintNanos) / 1_000_000 < intervalMs) {
            return;
        }
        lastPrintNanos = now;
        lastPrintedDone = trained;
        out.println(line(now));
        out.flush();
    }

    String line(long now) {
        long trained = done.value();
        long all = alreadyDone + trained;
        double elapsed = (now - startNanos) / 1e9;
        long pending = total - alreadyDone;
        String remaining = trained == 0 ? "?" : "~" + clock(elapsed / trained * Math.max(0, pending - trained));
        return String.format(Locale.ROOT, "[lossgrid] %d/%d trials (%.0f%%) | diverged %d | failed %d | elapsed %s | remaining %s",
                all, total, total == 0 ? 100.0 : 100.0 * all / total, diverged.value(), failed.value(), clock(elapsed),
                remaining);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
