package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The raw command line decides whether ND4J's warm-up starts before picocli parses it. */
class SessionsTest {

    @Test
    void aRunWithoutMasterIsLocalByDefault() {
        assertTrue(Sessions.isLocalRun(new String[] {"run", "conf/seed.yaml"}));
    }

    @Test
    void aRunOnALocalMasterIsLocalInEitherSpelling() {
        assertTrue(Sessions.isLocalRun(new String[] {"run", "s.yaml", "--master", "local[2]"}));
        assertTrue(Sessions.isLocalRun(new String[] {"run", "s.yaml", "--master=local[1]"}));
    }

    @Test
    void aRunOnAClusterIsNotLocal() {
        assertFalse(Sessions.isLocalRun(new String[] {"run", "s.yaml", "--master", "spark://127.0.0.1:7077"}));
        assertFalse(Sessions.isLocalRun(new String[] {"run", "--master=spark://h:7077", "s.yaml"}));
    }

    @Test
    void otherVerbsAndEmptyLinesAreNotRuns() {
        assertFalse(Sessions.isLocalRun(new String[] {"sql", "out/x", "SELECT 1"}));
        assertFalse(Sessions.isLocalRun(new String[] {}));
        assertFalse(Sessions.isLocalRun(new String[] {"--help"}));
    }

    @Test
    void aDanglingMasterFlagLeavesTheDefault() {
        assertTrue(Sessions.isLocalRun(new String[] {"run", "s.yaml", "--master"}));
    }
}
