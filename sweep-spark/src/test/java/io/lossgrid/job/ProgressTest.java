package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/** The progress line: an estimate that leaves start-up out, rewritten in place on a terminal, a line per update elsewhere. */
class ProgressTest {
    static final long S = 1_000_000_000L;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final LongAccumulator done = new LongAccumulator();
    final LongAccumulator diverged = new LongAccumulator();
    final LongAccumulator failed = new LongAccumulator();
    final LongAccumulator epochs = new LongAccumulator();
    int epochsPerTrial = 100;

    Progress progress(boolean inPlace) {
        return new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8), 100, 0, done, diverged, failed,
                new Progress.Epochs(epochs, epochsPerTrial), 0,
                inPlace);
    }

    static String remaining(String line) {
        return line.substring(line.indexOf("remaining ") + "remaining ".length());
    }

    @Test
    void theRemainingTimeIsUnknownUntilTheFirstBatchIsCommitted() {
        Progress p = progress(false);
        long t0 = System.nanoTime();
        p.batchStarts(10);
        done.add(5);
        assertEquals("?", remaining(p.line(t0 + 50 * S)), "the first batch's rate includes start-up");
    }

    @Test
    void theRemainingTimeComesFromTheRateAfterTheFirstBatchNotFromStartUp() {
        Progress p = progress(false);
        long t0 = System.nanoTime();
        p.batchStarts(10);
        done.add(10);
        p.batchCommitted(10, 0, 0, t0 + 60 * S);
        assertEquals("?", remaining(p.line(t0 + 60 * S)));
        p.batchStarts(20);
        done.add(10);
        assertEquals("~1:20", remaining(p.line(t0 + 70 * S)), "10 trials in 10 s after the first commit, 80 left");
    }

    @Test
    void onATerminalEachUpdateRewritesOneLineUntilTheRunEnds() {
        Progress p = progress(true);
        p.batchStarts(10);
        done.add(3);
        p.print(true);
        done.add(3);
        p.print(true);
        String out = printed.toString(StandardCharsets.UTF_8);
        assertEquals(2, out.chars().filter(c -> c == '\r').count());
        assertTrue(out.startsWith("\r[lossgrid] 3/100 trials"), out);
        assertTrue(out.contains("\r[lossgrid] 6/100 trials"), out);
        assertEquals(-1, out.indexOf('\n'), "no new line while it runs");
        p.finish();
        assertTrue(printed.toString(StandardCharsets.UTF_8).endsWith("\n"), "the run's end closes the line");
    }

    @Test
    void elsewhereEachUpdateIsOneLine() {
        Progress p = progress(false);
        p.batchStarts(10);
        done.add(3);
        p.print(true);
        done.add(3);
        p.print(true);
        p.finish();
        String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("[lossgrid] 3/100 trials (3%) | diverged 0 | failed 0 | elapsed "), lines[0]);
        assertTrue(lines[1].startsWith("[lossgrid] 6/100 trials (6%)"), lines[1]);
        assertEquals(-1, printed.toString(StandardCharsets.UTF_8).indexOf('\r'));
    }

    @Test
    void aLongTrialShowsTheEpochsItsRunningTaskReportedBeforeItFinishes() {
        epochsPerTrial = 1_000_000;
        Progress p = progress(false);
        long t0 = System.nanoTime();
        p.batchStarts(1, t0);
        p.taskEpochs(7, 250_000);
        String line = p.line(t0 + 60 * S);
        assertTrue(line.startsWith("[lossgrid] 0/100 trials (0%) | epochs 250000 of 1000000 (25%) | diverged 0 |"), line);
        assertEquals("~6:39:00", remaining(line), "250000 epochs a minute: 99.75 million epochs left");
    }

    @Test
    void aFinishedTasksEpochsComeFromTheAccumulatorNotFromItsLastHeartbeat() {
        epochsPerTrial = 5000;
        Progress p = progress(false);
        long t0 = System.nanoTime();
        p.batchStarts(4, t0);
        p.taskEpochs(1, 3000);
        p.taskEpochs(2, 1000);
        p.taskEnded(1);
        epochs.add(5000);
        p.taskEpochs(1, 3000); // a heartbeat sent before the end, received after it
        assertTrue(p.line(t0 + S).contains("| epochs 6000 of 20000 (30%) |"), p.line(t0 + S));
    }

    @Test
    void shortTrialsShowNoEpochsOnceATrialOfTheBatchHasFinished() {
        Progress p = progress(false);
        long t0 = System.nanoTime();
        p.batchStarts(10, t0);
        p.taskEpochs(1, 40);
        assertTrue(p.line(t0 + S).contains("| epochs 40 of 1000 (4%) |"), "no trial done yet: " + p.line(t0 + S));
        done.add(1);
        epochs.add(100);
        assertEquals(-1, p.line(t0 + S).indexOf("epochs"), p.line(t0 + S));
    }

    @Test
    void theEpochCountNeverExceedsTheBatchsEpochs() {
        epochsPerTrial = 2000;
        Progress p = progress(false);
        long t0 = System.nanoTime();
        p.batchStarts(1, t0);
        epochs.add(2000);
        p.taskEpochs(3, 1500); // merged and still reported: both, briefly, at a task's end
        assertTrue(p.line(t0 + S).contains("| epochs 2000 of 2000 (100%) |"), p.line(t0 + S));
    }

    @Test
    void aCommitStartsTheEpochCountAfresh() {
        epochsPerTrial = 2000;
        Progress p = progress(false);
        long t0 = System.nanoTime();
        p.batchStarts(1, t0);
        p.taskEpochs(3, 1500);
        p.batchCommitted(1, 0, 0, t0 + S);
        p.batchStarts(1, t0 + S);
        assertTrue(p.line(t0 + S).startsWith("[lossgrid] 1/100 trials (1%) | diverged 0 |"), p.line(t0 + S));
    }

    @Test
    void epochsPerTrialMustBePositive() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Progress.Epochs(epochs, 0));
        assertEquals("training.epochs must be >= 1, found 0", e.getMessage());
    }
}
