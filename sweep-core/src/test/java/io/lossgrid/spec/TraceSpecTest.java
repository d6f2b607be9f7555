package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code training.trace}: how it is read and written, that it leaves trial ids alone, and each rule it has. */
class TraceSpecTest {
    private static final String TRACED = "{epochs: 5, batchSize: 4, trace: {iterations: 200}}";

    @Test
    void aTraceIsReadFromTheTrainingSectionAndWrittenBackInTheResolvedSpec() {
        TrainingSpec training = SpecText.parseWith("training", TRACED).training();
        assertEquals(new TraceSpec(200), training.trace());
        assertEquals(200, training.traceIterations());
        assertEquals(Map.of("iterations", 200), training.toMap().get("trace"));
    }

    @Test
    void withoutATraceNothingIsRecordedAndTheResolvedSpecHasNoTraceKey() {
        TrainingSpec training = SpecText.valid().parse().training();
        assertNull(training.trace());
        assertEquals(0, training.traceIterations());
        assertFalse(training.toMap().containsKey("trace"));
    }

    @Test
    void aTraceLeavesTheTrialIdsAsTheSameSpecWithoutOneHasThem() {
        List<String> plain = ids(SpecText.parseWith("training", "{epochs: 5, batchSize: 4}"));
        List<String> traced = ids(SpecText.parseWith("training", TRACED));
        assertEquals(plain, traced);
        assertFalse(SpecText.parseWith("training", TRACED).training().identity().containsKey("trace"));
    }

    private static List<String> ids(SweepSpec spec) {
        return AllTrials.of(spec).stream().map(Trial::id).toList();
    }

    @Test
    void fewerThanOneIterationIsRefused() {
        assertRefused("training.trace.iterations must be between 1 and 1000000, found 0", "training",
                "{epochs: 5, trace: {iterations: 0}}");
    }

    @Test
    void moreThanAMillionIterationsAreRefused() {
        assertRefused("training.trace.iterations must be between 1 and 1000000, found 1000001", "training",
                "{epochs: 5, trace: {iterations: 1000001}}");
    }

    @Test
    void aTraceWithoutIterationsIsRefusedSayingWhatToGive() {
        assertRefused("training.trace.iterations is required (the number of updates, such as 200), found nothing",
                "training", "{epochs: 5, trace: {}}");
    }

    @Test
    void aMisspeltTraceKeyIsRefusedWithASuggestion() {
        assertRefused("training.trace.iteration is not a known field (known: iterations), found unknown key"
                + " \"iteration\"; did you mean \"iterations\"?", "training", "{epochs: 5, trace: {iteration: 200}}");
    }

    @Test
    void aTraceThatIsNotAMapIsRefused() {
        assertRefused("training.trace must be a map, found 200", "training", "{epochs: 5, trace: 200}");
    }

    @Test
    void aTraceBuiltInCodeObeysTheSameRule() {
        assertRefused("iterations must be between 1 and 1000000, found -3", () -> new TraceSpec(-3));
    }
}
