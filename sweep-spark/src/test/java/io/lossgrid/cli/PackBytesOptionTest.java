package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.testing.Specs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --pack-bytes}: a size that is not one is refused in one line before anything is written. */
class PackBytesOptionTest {
    @TempDir
    static Path tmp;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void aPackSizeThatIsNotASizeIsOneLineAndStatusTwo() {
        Path spec = Specs.write(tmp, "mixed.yaml", Specs.MIXED);
        Path out = tmp.resolve("never");
        String[] r = run("run", spec.toString(), "--out", out.toString(), "--pack-bytes", "12x");
        assertEquals("2", r[0], r[2]);
        assertEquals("lossgrid: --pack-bytes must be auto or a size of at least 1 byte such as 268435456, 256m or 1g,"
                + " found 12x (see 'sweep run --help')\n", r[2]);
        assertFalse(Files.exists(out));
    }

    @Test
    void aPackSizeOfZeroIsRefusedToo() {
        Path spec = Specs.write(tmp, "mixed.yaml", Specs.MIXED);
        String[] r = run("run", spec.toString(), "--out", tmp.resolve("never0").toString(), "--pack-bytes", "0m");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("lossgrid: --pack-bytes must be auto or a size of at least 1 byte"), r[2]);
    }

    @Test
    void theHelpOfRunShowsThePackSizeWithItsDefault() {
        String[] r = run("run", "--help");
        assertTrue((r[1] + r[2]).contains("--pack-bytes=SIZE"), r[1] + r[2]);
        assertTrue((r[1] + r[2]).contains("(default: auto)"), r[1] + r[2]);
    }
}
