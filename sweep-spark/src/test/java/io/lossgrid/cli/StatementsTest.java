package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the sql shell and scripts cut text into statements. */
class StatementsTest {
    @Test
    void semicolonsEndStatementsAndBlankOnesAreDropped() {
        Statements s = Statements.of("SELECT 1;\n\n  SELECT 2 ;;");
        assertEquals(List.of("SELECT 1", "SELECT 2"), s.complete());
        assertTrue(s.finished());
    }

    @Test
    void aSemicolonInsideQuotesOrCommentsEndsNothing() {
        Statements s = Statements.of("SELECT 'a;b', \"c;d\", `e;f` -- g;h\nFROM t /* i;j */ WHERE x = 'it\\'s;';");
        assertEquals(List.of("SELECT 'a;b', \"c;d\", `e;f` \nFROM t   WHERE x = 'it\\'s;'"), s.complete());
    }

    @Test
    void aStatementWithoutItsSemicolonIsUnfinishedButAScriptStillRunsIt() {
        Statements s = Statements.of("SELECT 1;\nSELECT\n  2");
        assertFalse(s.finished());
        assertEquals("SELECT\n  2", s.rest());
        assertEquals(List.of("SELECT 1", "SELECT\n  2"), s.all());
    }

    @Test
    void anOpenQuoteOrCommentIsUnfinished() {
        assertFalse(Statements.of("SELECT 'abc;").finished());
        assertFalse(Statements.of("SELECT 1 /* open;").finished());
        assertTrue(Statements.of("SELECT 1; -- done").finished());
    }

    @Test
    void aLineStartingWithADotIsAShellCommandEndingWithItsLine() {
        Statements s = Statements.of(".format table\nSELECT 1.5;\n  .tables;\n");
        assertEquals(List.of(".format table", "SELECT 1.5", ".tables"), s.complete());
    }

    @Test
    void restMustNotBeNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Statements(List.of(), null));
        assertEquals("rest must not be null; give \"\" for none", e.getMessage());
    }
}
