package io.lossgrid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README documents the Parquet schema declared once in {@link Tables}: its "### trials",
 * "### epochs" and "### iterations" tables are exactly what {@code scripts/sweep schema} prints ({@link Tables#markdown()}), so a
 * column added, renamed or re-described in {@code Tables} fails here until the README says the same.
 */
class SchemaDocsTest {

    @Test
    void theReadmeSchemaTablesAreTheDeclaredColumns() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("### trials\n");
        assertTrue(start >= 0, "the README has a ### trials section");
        String expected = Tables.markdown();
        String documented = readme.substring(start, Math.min(readme.length(), start + expected.length()));
        assertEquals(expected, documented, "README's schema tables vs Tables.markdown() (scripts/sweep schema)");
    }

    @Test
    void everyDeclaredColumnIsDocumentedOnce() {
        String md = Tables.markdown();
        for (Column<?> c : Tables.TRIAL_COLUMNS) {
            assertEquals(1, count(md.substring(0, md.indexOf("### epochs")), "| `" + c.name() + "` |"), c.name());
        }
        for (Column<?> c : Tables.EPOCH_COLUMNS) {
            assertEquals(1, count(md.substring(md.indexOf("### epochs"), md.indexOf("### iterations")),
                    "| `" + c.name() + "` |"), c.name());
        }
        for (Column<?> c : Tables.ITERATION_COLUMNS) {
            assertEquals(1, count(md.substring(md.indexOf("### iterations")), "| `" + c.name() + "` |"), c.name());
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
