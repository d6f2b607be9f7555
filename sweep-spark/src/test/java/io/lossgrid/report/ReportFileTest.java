package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileUriIsWrittenAsTheOneFileAndNamedByItsPlainPath() throws IOException {
        Path target = dir.resolve("report.html");
        String shown = ReportFile.write(target.toUri().toString(), new Configuration(), "<p>α</p>");
        assertEquals(target.toString(), shown);
        assertEquals("<p>α</p>", Files.readString(target));
        assertEquals(java.util.List.of("report.html"), names(), "no .crc, no temporary file");
    }

    @Test
    void theHadoopFormOfAFilePathIsAPlainPathToo() {
        String shown = ReportFile.write("file:" + dir.resolve("r.html"), new Configuration(), "x");
        assertEquals(dir.resolve("r.html").toString(), shown);
    }

    @Test
    void aReportIsReplacedAndAStaleChecksumBesideItRemoved() throws IOException {
        Path target = dir.resolve("report.html");
        Files.writeString(target, "old");
        Files.writeString(dir.resolve(".report.html.crc"), "stale");
        ReportFile.write(target.toString(), new Configuration(), "new");
        assertEquals("new", Files.readString(target));
        assertEquals(java.util.List.of("report.html"), names());
    }

    @Test
    void aPathThroughDotDotIsShownNormalised() {
        String shown = ReportFile.write(dir.resolve("a/../b.html").toString(), new Configuration(), "x");
        assertEquals(dir.resolve("b.html").toString(), shown);
    }

    @Test
    void aRelativePathIsTakenFromTheWorkingDirectoryAndShownAbsolute() throws IOException {
        String relative = "target/report-file-test-" + dir.getFileName() + ".html";
        String shown = ReportFile.write(relative, new Configuration(), "x");
        Path expected = Path.of(relative).toAbsolutePath().normalize();
        assertEquals(expected.toString(), shown);
        assertFalse(shown.startsWith("file:"));
        Files.delete(expected);
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
