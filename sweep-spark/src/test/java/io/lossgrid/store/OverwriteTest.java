package io.lossgrid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --overwrite} deletes only a lossgrid results directory or an empty one, and refuses anything
 * else naming what it found, deleting nothing and following no symbolic link.
 */
class OverwriteTest {
    static final String FIX = "; --overwrite deletes only a lossgrid results directory (sweep.json, trials/, epochs/)"
            + " or an empty one: choose another --out, or empty it yourself";

    @TempDir
    Path tmp;

    static ResultDirectory at(Path dir) {
        Configuration conf = new Configuration();
        LocalFiles.sparkSettings().forEach((k, v) -> conf.set(k.substring("spark.hadoop.".length()), v));
        return ResultDirectory.at(dir.toString(), conf);
    }

    /** A results directory as a finished run leaves it: manifest, one committed batch per table, analysis, report. */
    static Path lossgridDirectory(Path dir) throws IOException {
        at(dir).writeManifest(SweepManifest.start(Map.of("name", "x"), List.of(), 1, Map.of()));
        for (String table : List.of("trials", "epochs")) {
            Path batch = Files.createDirectories(dir.resolve(table).resolve("batch=1"));
            Files.writeString(batch.resolve("part-00000.snappy.parquet"), "rows");
            Files.createFile(batch.resolve("_SUCCESS"));
        }
        Files.createDirectories(dir.resolve("analysis/stability"));
        Files.writeString(dir.resolve("report.html"), "<html>");
        return dir;
    }

    static List<String> contents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aLossgridDirectoryIsEmptiedButKeepsTheRunLock() throws IOException {
        Path dir = lossgridDirectory(tmp.resolve("out"));
        ResultDirectory store = at(dir);
        try (RunLock lock = store.lock()) {
            store.deleteAll();
            assertEquals(List.of("", DirectoryLock.NAME), contents(dir));
            assertFalse(store.occupied(), "a directory holding only the run lock holds no results");
        }
    }

    @Test
    void anEmptyDirectoryIsAccepted() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        at(dir).deleteAll();
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void aDirectoryOfUnrelatedFilesIsRefusedNamingThemAndKeepsEveryFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.createDirectories(dir.resolve(".git/objects"));
        Files.writeString(dir.resolve("README.md"), "mine");
        Files.writeString(dir.resolve("pom.xml"), "mine");
        List<String> before = contents(dir);
        SweepRefused e = assertThrows(SweepRefused.class, () -> at(dir).deleteAll());
        assertEquals("--overwrite: " + dir + " holds what lossgrid did not write (found .git/, README.md, pom.xml)" + FIX,
                e.getMessage());
        assertEquals(before, contents(dir));
    }

    @Test
    void aLossgridDirectoryWithAForeignFileAddedIsRefusedNamingIt() throws IOException {
        Path dir = lossgridDirectory(tmp.resolve("out"));
        Files.writeString(dir.resolve("trials/notes.txt"), "mine");
        List<String> before = contents(dir);
        SweepRefused e = assertThrows(SweepRefused.class, () -> at(dir).deleteAll());
        assertEquals("--overwrite: " + dir + " holds what lossgrid did not write (found trials/notes.txt)" + FIX,
                e.getMessage());
        assertEquals(before, contents(dir));
    }

    @Test
    void tablesWithoutSweepJsonAreNotRecognisedAndKept() throws IOException {
        Path dir = lossgridDirectory(tmp.resolve("out"));
        Files.delete(dir.resolve("sweep.json"));
        SweepRefused e = assertThrows(SweepRefused.class, () -> at(dir).deleteAll());
        assertEquals("--overwrite: " + dir + " has tables but no sweep.json, so it is not recognisably a lossgrid"
                + " results directory" + FIX, e.getMessage());
        assertTrue(Files.exists(dir.resolve("trials/batch=1/_SUCCESS")));
    }

    @Test
    void aPlainFileIsRefusedAndKept() throws IOException {
        Path file = Files.writeString(tmp.resolve("thesis.tex"), "years of work");
        SweepRefused e = assertThrows(SweepRefused.class, () -> at(file).deleteAll());
        assertEquals("--overwrite: " + file + " is a file, not a directory" + FIX, e.getMessage());
        assertEquals("years of work", Files.readString(file));
    }

    @Test
    void aSymbolicLinkToALossgridDirectoryIsNotFollowed() throws IOException {
        Path target = lossgridDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        List<String> before = contents(target);
        SweepRefused e = assertThrows(SweepRefused.class, () -> at(link).deleteAll());
        assertEquals("--overwrite: " + link + " is a symbolic link, which --overwrite does not follow" + FIX,
                e.getMessage());
        assertEquals(before, contents(target));
    }

    @Test
    void aSymbolicLinkInsideATableIsRefusedAndItsTargetKept() throws IOException {
        Path dir = lossgridDirectory(tmp.resolve("out"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("precious"), "keep");
        Files.createSymbolicLink(dir.resolve("epochs/batch=2"), elsewhere);
        SweepRefused e = assertThrows(SweepRefused.class, () -> at(dir).deleteAll());
        assertEquals("--overwrite: " + dir + " holds what lossgrid did not write (found epochs/batch=2)" + FIX,
                e.getMessage());
        assertEquals("keep", Files.readString(elsewhere.resolve("precious")));
    }

    @Test
    void theWorkingDirectoryOrOneAboveItIsRefused() throws IOException {
        Path dir = lossgridDirectory(tmp.resolve("out"));
        Path cwd = Files.createDirectories(dir.resolve("analysis/stability"));
        FileSystem raw = FileSystem.getLocal(new Configuration()).getRawFileSystem();
        SweepRefused e = assertThrows(SweepRefused.class, () -> OutputLayout.refuseUnlessOurs(raw,
                new org.apache.hadoop.fs.Path(dir.toUri()), dir.toString(), cwd));
        assertEquals("--overwrite: " + dir + " is the working directory or one above it" + FIX, e.getMessage());
        SweepRefused same = assertThrows(SweepRefused.class, () -> OutputLayout.refuseUnlessOurs(raw,
                new org.apache.hadoop.fs.Path(dir.toUri()), dir.toString(), dir));
        assertEquals(e.getMessage(), same.getMessage());
    }
}
