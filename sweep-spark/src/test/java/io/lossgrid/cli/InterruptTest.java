package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.store.CommittedTrials;
import io.lossgrid.store.LocalFiles;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.testing.Specs;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code run}, as a user sends it: the command line in a child JVM (this JVM's flags and class
 * path), SIGINT once the first batch is committed. It must exit 130 with one line saying how many trials
 * are committed and that {@code --resume} continues, and the resume must finish with every trial once.
 * A second run started while the first holds the directory is refused with status 2 naming the owner.
 */
class InterruptTest {
    /**
     * 48 MLP trials trained one by one, 4 per batch: long enough to interrupt after the first commit, with room
     * for the second run's start (about 20 s of training on one quiet core, the first batch committed after 2).
     */
    static final String SPEC = """
            name: long
            data: {synthetic: {generator: linear, samples: 256, features: 4, seed: 3}}
            model: {type: mlp, hidden: [32, 32]}
            loss: mse
            training: {epochs: 300}
            grid: {alpha: [1, 10], learningRate: [0.001, 0.01, 0.1], optimizer: [sgd, adam], seed: {range: [1, 4]}}
            """;

    @TempDir
    Path tmp;

    Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).forEach(cmd::add);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void waitFor(String what, java.util.function.BooleanSupplier condition, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!condition.getAsBoolean()) {
            assertTrue(p.isAlive(), "the run ended before " + what);
            assertTrue(System.nanoTime() < deadline, "no " + what + " within 180 s");
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void ctrlCExitsWith130InOneLineKeepingWhatIsCommittedAndResumeFinishesEveryTrialOnce() throws Exception {
        Path spec = Specs.write(tmp, "long.yaml", SPEC);
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("run.log");
        String[] run = {"run", spec.toString(), "--out", out.toString(), "--master", "local[1]", "--batch-trials", "4",
            "--packing", "off"};
        Process p = start(log, run);
        waitFor("first commit", () -> Files.exists(out.resolve("trials/batch=1/_SUCCESS")), p);

        Path log2 = tmp.resolve("second.log");
        Process second = start(log2, run[0], run[1], run[2], run[3], run[4], run[5], "--resume");
        assertTrue(second.waitFor(180, TimeUnit.SECONDS), "the second run ended");
        assertEquals(2, second.exitValue(), Files.readString(log2));
        String refused = Files.readString(log2).lines().filter(l -> l.startsWith("lossgrid: ")).findFirst().orElseThrow();
        assertEquals("lossgrid: " + out + " is in use by another lossgrid run (host ", refused.substring(0,
                refused.indexOf("(host ") + "(host ".length()));
        assertTrue(refused.contains(", pid " + p.pid() + ", since "), refused);
        assertFalse(Files.readString(log2).contains("trials on local"), "no banner for a refused run");

        long beforeKill = Files.readString(log).lines().count();
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the run stopped after SIGINT");
        String printed = Files.readString(log);
        assertEquals(130, p.exitValue(), printed);
        List<String> after = printed.lines().skip(beforeKill).filter(l -> !l.startsWith("[lossgrid] ")).toList();
        assertEquals(1, after.size(), "one line after Ctrl-C besides progress: " + after);
        String line = after.get(0);
        assertTrue(line.matches("lossgrid: interrupted; \\d+ of 48 trials are committed in " + java.util.regex.Pattern.quote(
                out.toString()) + "; run the same command with --resume to continue"), line);
        int committed = Integer.parseInt(line.split(" ")[2]);
        ResultDirectory dir = ResultDirectory.at(out.toString(), conf());
        assertEquals(committed, dir.committedTrials().ids().size(), "the line counts what is committed");
        assertTrue(committed >= 4 && committed < 48, line);
        assertFalse(Files.exists(out.resolve(".lossgrid.lock")), "the lock was given back");

        Process resume = start(tmp.resolve("resume.log"), run[0], run[1], run[2], run[3], run[4], run[5], "--resume",
                "--batch-trials", "24", "--packing", "on");
        assertTrue(resume.waitFor(300, TimeUnit.SECONDS), "the resume ended");
        assertEquals(0, resume.exitValue(), Files.readString(tmp.resolve("resume.log")));
        CommittedTrials all = dir.committedTrials();
        assertEquals(48, all.ids().size());
        assertEquals(48L, all.counts().values().stream().mapToLong(Long::longValue).sum(), "every trial once");
    }

    static Configuration conf() {
        Configuration conf = new Configuration();
        LocalFiles.sparkSettings().forEach((k, v) -> conf.set(k.substring("spark.hadoop.".length()), v));
        return conf;
    }
}
