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
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results directory's layout and commit marks, on the local file system, without Spark. */
class ResultDirectoryTest {
    @TempDir
    Path dir;

    ResultDirectory store;

    @BeforeEach
    void open() {
        Configuration conf = new Configuration();
        LocalFiles.sparkSettings().forEach((k, v) -> conf.set(k.substring("spark.hadoop.".length()), v));
        store = ResultDirectory.at(dir.toString(), conf);
    }

    void folder(String table, String name, boolean success) throws IOException {
        Path f = Files.createDirectories(dir.resolve(table).resolve(name));
        if (success) {
            Files.createFile(f.resolve("_SUCCESS"));
        }
    }

    @Test
    void aBatchIsCommittedOnceBothOfItsFoldersHoldSuccess() throws IOException {
        folder("epochs", "batch=1", true);
        folder("trials", "batch=1", true);
        folder("epochs", "batch=2", true);
        folder("trials", "batch=2", false);
        folder("epochs", "batch=3", false);
        assertEquals(List.of(1), store.committedBatches());
        assertEquals(4, store.nextBatch(), "one past any batch present, committed or not");
    }

    @Test
    void removingWhatIsUncommittedKeepsOnlyCommittedBatchFolders() throws IOException {
        folder("epochs", "batch=1", true);
        folder("trials", "batch=1", true);
        folder("epochs", "batch=2", true);
        folder("trials", "batch=2", false);
        folder("trials", ".batch=1.rewrite", true);
        assertEquals(3, store.removeUncommitted());
        assertEquals(List.of("batch=1"), names(dir.resolve("epochs")));
        assertEquals(List.of("batch=1"), names(dir.resolve("trials")));
        assertEquals(List.of(1), store.committedBatches());
    }

    @Test
    void aCrashedBatchsIterationsAreUncommittedAndRemovedWithItsOtherFolders() throws IOException {
        folder("epochs", "batch=1", true);
        folder("iterations", "batch=1", true);
        folder("trials", "batch=1", true);
        folder("epochs", "batch=2", true);
        folder("iterations", "batch=2", true);
        assertEquals(List.of(1), store.committedBatches(), "batch 2's trials were never written");
        assertEquals(3, store.nextBatch());
        assertEquals(2, store.removeUncommitted());
        assertEquals(List.of("batch=1"), names(dir.resolve("iterations")));
        assertEquals(List.of("batch=1"), names(dir.resolve("epochs")));
    }

    @Test
    void anIterationsFolderAloneStillTakesItsBatchNumber() throws IOException {
        folder("iterations", "batch=4", false);
        assertEquals(5, store.nextBatch(), "one past any batch present in any table");
    }

    static List<String> names(Path p) throws IOException {
        try (var s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theManifestIsWrittenAndReadAsRecords() {
        SweepManifest m = SweepManifest.start(Map.of("name", "x"), List.of(), 3, Map.of("lossgrid", "1"));
        store.writeManifest(m);
        assertEquals(m, store.manifest().orElseThrow());
        assertFalse(store.exists("." + ResultStore.MANIFEST + ".tmp"));
    }

    @Test
    void anEmptyDirectoryHasNoManifestAndIsNotOccupied() {
        assertTrue(store.manifest().isEmpty());
        assertFalse(store.occupied());
    }

    @Test
    void aDirectoryInTheEarlierLayoutIsRefusedWithTheRenameThatMigratesIt() throws IOException {
        store.writeManifest(SweepManifest.start(Map.of("name", "x"), List.of(), 3, Map.of()));
        folder("trials", "batch-000003", true);
        SweepRefused e = assertThrows(SweepRefused.class, () -> store.manifest());
        String root = store.uri();
        assertEquals(root + "/trials/batch-000003 is a batch folder of lossgrid's earlier layout; rename every"
                + " batch-NNNNNN folder under " + root + "/trials and " + root + "/epochs to batch=N (this one to"
                + " batch=3) and try again (docs/reliability.md, Layout)", e.getMessage());
    }
}
