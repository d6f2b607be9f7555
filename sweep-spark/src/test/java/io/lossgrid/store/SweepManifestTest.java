package io.lossgrid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.outcome.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code sweep.json} as typed records: the format, its round trip, and one refusal per rule. */
class SweepManifestTest {
    static final Map<String, Object> SPEC = spec();
    static final List<Map<String, Object>> DATA = List.of(Map.of("name", "linear", "sha256", "abc"));

    static Map<String, Object> spec() {
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("alpha", List.of(1, 10));
        grid.put("learningRate", List.of(0.01, 2.0));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "mixed");
        m.put("grid", grid);
        return m;
    }

    static SweepManifest finished() {
        SweepManifest m = SweepManifest.start(SPEC, DATA, 8, Map.of("lossgrid", "1"));
        m = m.begin(RunRecord.starting(RunMode.FRESH, "local[2]", true, 8, Map.of("lossgrid", "1")));
        m = m.committed(new BatchRecord(1, 8, 120, Map.of(Status.FAILED, 4L, Status.CONVERGED, 4L),
                Map.of("writeTrialsMs", 5L)), 130);
        return m.ended(RunState.COMPLETED, null, 140, Map.of(Status.FAILED, 4L, Status.CONVERGED, 4L),
                Map.of("openDirectoryMs", 1L));
    }

    @Test
    void aManifestReadsBackEqualToWhatWasWritten() {
        SweepManifest m = finished();
        assertEquals(m, SweepManifest.parse(m.toJson()));
    }

    @Test
    void theJsonKeepsItsFieldNamesAndWritesModesAndStatusesByName() {
        String json = finished().toJson();
        for (String expected : List.of("\"format\" : 2", "\"state\" : \"COMPLETED\"", "\"mode\" : \"fresh\"",
                "\"trainedTrials\" : 8", "\"statuses\" : {", "\"CONVERGED\" : 4")) {
            assertTrue(json.contains(expected), expected + " in " + json);
        }
    }

    @Test
    void statusCountsFollowTheEnumsOrder() {
        SweepManifest m = finished();
        assertEquals(List.of(Status.CONVERGED, Status.FAILED), List.copyOf(m.statuses().keySet()));
    }

    @Test
    void aManifestOfTheFirstFormatStillReads() {
        SweepManifest m = SweepManifest.parse("""
                {"format": 1, "name": "mixed", "state": "STOPPED", "stopReason": "12 of 12 finished trials FAILED",
                 "trials": 40, "spec": {"name": "mixed"}, "data": [], "versions": {"lossgrid": "0"},
                 "runs": [{"mode": "rerun_failed", "master": "local[2]", "packing": true,
                           "startedAt": "2026-11-30T00:00:00Z", "finishedAt": null, "wallMs": 10, "pendingTrials": 40,
                           "trainedTrials": 12, "versions": {"lossgrid": "0"},
                           "batches": [{"batch": 1, "trials": 12, "wallMs": 9, "statuses": {"FAILED": 12},
                                        "phases": {"countMs": 1}}]}],
                 "statuses": {"FAILED": 12}}
                """);
        assertEquals(RunState.STOPPED, m.state());
        assertEquals(RunMode.RERUN_FAILED, m.runs().get(0).mode());
        assertEquals(Map.of(Status.FAILED, 12L), m.runs().get(0).batches().get(0).statuses());
    }

    @Test
    void aResumeNamesEachDifferenceAndNumbersCompareByValue() {
        Map<String, Object> now = spec();
        @SuppressWarnings("unchecked")
        Map<String, Object> grid = (Map<String, Object>) now.get("grid");
        grid.put("alpha", List.of(1.0, 10.0));
        grid.put("learningRate", List.of(0.01, 3.0));
        assertEquals(List.of("grid.learningRate: was [0.01,2.0], now [0.01,3.0]"), finished().differences(now, DATA));
    }

    @Test
    void textThatIsNotJsonIsRefusedInOneLine() {
        SweepRefused e = assertThrows(SweepRefused.class, () -> SweepManifest.parse("{\"format\": 2,\n"));
        assertTrue(e.getMessage().startsWith("sweep.json could not be read as JSON ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); it is not a lossgrid results directory, or it was damaged"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aFormatFromANewerVersionIsRefused() {
        SweepRefused e = assertThrows(SweepRefused.class, () -> SweepManifest.parse(finished().toJson()
                .replace("\"format\" : 2", "\"format\" : 3")));
        assertEquals("sweep.json: format must be 1 to 2, found 3; read the directory with the lossgrid version that"
                + " wrote it", e.getMessage());
    }

    @Test
    void aManifestWithoutStateIsRefused() {
        SweepRefused e = assertThrows(SweepRefused.class, () -> SweepManifest.parse(finished().toJson()
                .replace("\"state\" : \"COMPLETED\"", "\"state\" : null")));
        assertEquals("sweep.json: state must be RUNNING, COMPLETED or STOPPED, found none; the file was damaged:"
                + " restore it, or start another --out", e.getMessage());
    }

    @Test
    void aManifestWithoutSpecIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SweepManifest(2, "x",
                RunState.RUNNING, null, 1, null, List.of(), Map.of(), List.of(), null, List.of()));
        assertEquals("sweep.json: spec must be the resolved spec, found none; the file was damaged: restore it, or"
                + " start another --out", e.getMessage());
    }

    @Test
    void aNegativeTrialCountIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SweepManifest(2, "x",
                RunState.RUNNING, null, -1, SPEC, List.of(), Map.of(), List.of(), null, List.of()));
        assertEquals("sweep.json: trials must be >= 0, found -1", e.getMessage());
    }

    @Test
    void anUnknownRunModeIsRefused() {
        SweepRefused e = assertThrows(SweepRefused.class, () -> SweepManifest.parse(finished().toJson()
                .replace("\"mode\" : \"fresh\"", "\"mode\" : \"walk\"")));
        assertEquals("sweep.json: runs[].mode must be one of fresh, resume, overwrite, rerun_failed, found walk",
                e.getMessage());
    }

    @Test
    void aRunWithoutModeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunRecord.starting(null, "local", true, 1, Map.of()));
        assertEquals("sweep.json: runs[].mode must be one of fresh, resume, overwrite, rerun_failed, found none",
                e.getMessage());
    }

    @Test
    void aRunThatTrainedMoreThanWasPendingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunRecord(RunMode.FRESH,
                "local", true, "t", null, 0, 2, 3, Map.of(), List.of(), null));
        assertEquals("sweep.json: runs[].trainedTrials must be between 0 and pendingTrials (2), found 3", e.getMessage());
    }

    @Test
    void aBatchNumberBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchRecord(0, 1, 1, Map.of(), Map.of()));
        assertEquals("sweep.json: runs[].batches[].batch must be >= 1, found 0", e.getMessage());
    }

    @Test
    void aBatchWithANegativeTrialCountIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchRecord(2, -1, 1, Map.of(), Map.of()));
        assertEquals("sweep.json: runs[].batches[].trials of batch 2 must be >= 0, found -1", e.getMessage());
    }

    @Test
    void aRunEndsCompletedWithoutReasonOrStoppedWithOne() {
        SweepManifest running = SweepManifest.start(SPEC, DATA, 8, Map.of())
                .begin(RunRecord.starting(RunMode.FRESH, "local", true, 8, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> running.ended(RunState.STOPPED, null, 1, Map.of(), Map.of()));
        assertEquals("a run ends COMPLETED without a reason or STOPPED with one, found STOPPED with reason null",
                e.getMessage());
    }

    @Test
    void committedTrialsWhoseCountsDoNotAddUpAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CommittedTrials(Set.of("a"), Map.of(Status.FAILED, 2L)));
        assertEquals("committed trials: status counts must add up to the 1 distinct ids, found 2 (a trial committed twice?)",
                e.getMessage());
    }

    @Test
    void aBatchCommitWithoutPhasesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchCommit(Map.of(), null, null));
        assertEquals("a batch commit has status counts and phases, found {} and null", e.getMessage());
    }

    @Test
    void roundsReadBackInOrderAndAResumedRoundReplacesItsRecord() {
        SweepManifest m = finished().withRound(new RoundRecord(0, 12, 3)).withRound(new RoundRecord(1, 6, 2));
        assertEquals(m, SweepManifest.parse(m.toJson()));
        SweepManifest resumed = m.withRound(new RoundRecord(1, 6, 1));
        assertEquals(List.of(new RoundRecord(0, 12, 3), new RoundRecord(1, 6, 1)), resumed.rounds());
    }

    @Test
    void aManifestWrittenBeforeRoundsWereRecordedReadsWithNone() {
        String json = finished().toJson().replaceAll(",\\s*\"rounds\" : \\[ \\]", "");
        assertFalse(json.contains("rounds"), json);
        assertEquals(List.of(), SweepManifest.parse(json).rounds());
    }

    @Test
    void aRoundRecordedOutOfOrderIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> finished().withRound(new RoundRecord(2, 6, 1)));
        assertEquals("sweep.json: rounds[0].round must be 0 (rounds are recorded in order, from 0), found 2",
                e.getMessage());
    }

    @Test
    void aNegativeRoundNumberIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoundRecord(-1, 6, 1));
        assertEquals("sweep.json: rounds[].round must be >= 0, found -1", e.getMessage());
    }

    @Test
    void aRoundWithoutTrialsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoundRecord(3, 0, 1));
        assertEquals("sweep.json: rounds[].trials of round 3 must be >= 1, found 0", e.getMessage());
    }

    @Test
    void aNegativeCountOfOpenBracketsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoundRecord(3, 6, -2));
        assertEquals("sweep.json: rounds[].openBrackets of round 3 must be >= 0, found -2", e.getMessage());
    }
}
