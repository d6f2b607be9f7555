package io.lossgrid.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of analysis tables, and the README's table, which must say the same. */
class AnalysisTableTest {
    static final String HEADER = "| table (verb) | one row per | what it says |";

    /** The README's analysis table: its header line and the lines of the table that follow it. */
    static String readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        int start = lines.indexOf(HEADER);
        assertTrue(start >= 0, "README.md has a line '" + HEADER + "'");
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            sb.append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void theReadmesAnalysisTableIsTheRegistrysTable() throws IOException {
        assertEquals(AnalysisTable.markdown(), readmeTable(),
                "README.md's table under 'Analysis and report' must be AnalysisTable.markdown(); paste it there");
    }

    @Test
    void theTableListIsTheRegistryInItsOrder() {
        assertEquals(List.of("stability", "critical_lr", "equivalence", "invariance", "alpha_sensitivity",
                "seed_spread", "convergence", "brackets", "classes"), Analysis.TABLES);
        assertEquals(AnalysisTable.names(), Analysis.TABLES);
    }

    @Test
    void aVerbIsItsTableNameWithHyphens() {
        assertEquals("critical-lr", AnalysisTable.CRITICAL_LR.verb());
        assertEquals("stability", AnalysisTable.STABILITY.verb());
        assertEquals(AnalysisTable.ALPHA_SENSITIVITY, AnalysisTable.named("alpha_sensitivity").orElseThrow());
        assertTrue(AnalysisTable.named("alpha-sensitivity").isEmpty(), "a verb is not a table name");
    }

    @Test
    void theMarkdownNamesTheVerbOnlyWhereItDiffersFromTheTable() {
        String md = AnalysisTable.markdown();
        assertTrue(md.contains("| `seed_spread` (`seed-spread`) | cell with several seeds |"), md);
        assertTrue(md.contains("| `invariance` | optimizer |"), md);
        assertEquals(2 + AnalysisTable.values().length, md.lines().count());
    }

    @Test
    void helpIsPlainAsciiWithTheSymbolsSpeltOut() {
        for (AnalysisTable t : AnalysisTable.values()) {
            assertTrue(t.help().chars().allMatch(c -> c < 128), t.help());
            assertFalse(t.help().contains("`"), t.help());
        }
        assertEquals("alpha*lr x epsilon <= (max - min)", AnalysisTable.plain("`α·lr` × ε ≤ (max − min)"));
    }
}
