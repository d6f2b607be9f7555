package io.lossgrid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep.json} is a plain file people may open and edit: no checksum sibling, and damage read as such. */
class ManifestFileTest {
    @TempDir
    Path dir;

    final SweepManifest manifest = SweepManifest.start(Map.of("name", "x"), List.of(), 3, Map.of());

    @Test
    void sweepJsonIsWrittenWithoutAChecksumSibling() throws IOException {
        ResultDirectory store = OverwriteTest.at(dir);
        store.writeManifest(manifest);
        store.writeManifest(manifest.begin(RunRecord.starting(RunMode.FRESH, "local[1]", true, 3, Map.of())));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("sweep.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aChecksumSiblingAFormerVersionLeftIsRemovedOnTheNextWrite() throws IOException {
        writeChecksummed(manifest.toJson());
        assertTrue(Files.exists(dir.resolve(".sweep.json.crc")), "the former version's way of writing");
        OverwriteTest.at(dir).writeManifest(manifest);
        assertFalse(Files.exists(dir.resolve(".sweep.json.crc")));
    }

    @Test
    void aHandEditedSweepJsonIsReadDespiteAStaleChecksum() throws IOException {
        writeChecksummed(manifest.toJson());
        Files.writeString(dir.resolve("sweep.json"), manifest.toJson().replace("\"trials\" : 3", "\"trials\" : 30"));
        assertEquals(30, OverwriteTest.at(dir).manifest().orElseThrow().trials());
    }

    @Test
    void aTruncatedSweepJsonIsReportedAsDamagedInOneLine() throws IOException {
        writeChecksummed(manifest.toJson());
        String json = manifest.toJson();
        Files.writeString(dir.resolve("sweep.json"), json.substring(0, json.length() / 2));
        SweepRefused e = assertThrows(SweepRefused.class, () -> OverwriteTest.at(dir).manifest());
        assertTrue(e.getMessage().startsWith("sweep.json could not be read as JSON ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); it is not a lossgrid results directory, or it was damaged"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** Writes sweep.json as earlier versions did: through Hadoop's checksummed local file system. */
    void writeChecksummed(String text) throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(dir.resolve("sweep.json").toUri()), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
