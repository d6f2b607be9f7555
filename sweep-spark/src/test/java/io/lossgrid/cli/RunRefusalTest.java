package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} refusing what it cannot serve, as a user sees it: exit 2, exactly one line on stderr (no
 * banner before it, no stack trace), and the files it was pointed at left as they were.
 */
class RunRefusalTest {
    static SparkSession spark;

    @TempDir
    static Path tmp;

    static Path spec;

    record Run(int status, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("RunRefusalTest");
        spec = Specs.write(tmp, "mixed.yaml", Specs.MIXED);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<String> contents(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void overwritingAProjectFolderIsRefusedInOneLineAndKeepsItsFiles() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.createDirectories(project.resolve(".git/refs"));
        Files.writeString(project.resolve("Main.java"), "class Main {}");
        List<String> before = contents(project);
        Run run = cli("run", spec.toString(), "--out", project.toString(), "--overwrite");
        assertEquals(2, run.status(), run.err());
        assertEquals("lossgrid: --overwrite: " + project + " holds what lossgrid did not write (found .git/, Main.java);"
                + " --overwrite deletes only a lossgrid results directory (sweep.json, trials/, epochs/) or an empty"
                + " one: choose another --out, or empty it yourself\n", run.err());
        assertEquals(before, contents(project));
    }

    @Test
    void overwritingAPlainFileIsRefusedInOneLineAndKeepsIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Run run = cli("run", spec.toString(), "--out", file.toString(), "--overwrite");
        assertEquals(2, run.status(), run.err());
        assertEquals("lossgrid: " + file + " is a file, not a directory; choose another --out\n", run.err());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void anOutThatCannotBeCreatedIsRefusedInOneLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "mine");
        Run run = cli("run", spec.toString(), "--out", file.resolve("out").toString());
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("lossgrid: cannot write to --out " + file.resolve("out") + ": "), run.err());
        assertTrue(run.err().endsWith("; choose a directory you can write to\n"), run.err());
    }

    @Test
    void anEmptyOutIsRefusedInOneLine() {
        Run run = cli("run", spec.toString(), "--out", "");
        assertEquals(2, run.status(), run.err());
        assertEquals("lossgrid: --out must name a directory, found \"\"\n", run.err());
    }

    @Test
    void aResumeWithoutASweepPrintsNoBannerAndLeavesNoDirectory() {
        Path out = tmp.resolve("nothing-here");
        Run run = cli("run", spec.toString(), "--out", out.toString(), "--resume");
        assertEquals(2, run.status(), run.err());
        assertEquals("lossgrid: --resume: " + out + " holds no sweep.json, so there is no sweep to continue; run"
                + " without --resume to start one\n", run.err());
        assertEquals("", run.out());
        assertTrue(Files.notExists(out), "the lock's directory is removed again");
    }

    @Test
    void anAcceptedRunPrintsTheBannerFirstAndAPlainPath() {
        Path out = tmp.resolve("accepted");
        Run run = cli("run", spec.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().startsWith("[lossgrid] mixed: 8 trials on local[2] (2 task slots)\n"), run.err());
        assertTrue(run.out().startsWith("COMPLETED: 8 trials trained, 0 already committed, in "), run.out());
        assertTrue(run.out().lines().findFirst().orElseThrow().endsWith(" -> " + out), run.out());
        assertTrue(Files.notExists(out.resolve(".sweep.json.crc")), "sweep.json has no checksum sibling");
        assertTrue(Files.notExists(out.resolve(".lossgrid.lock")), "the lock is given back");
    }
}
