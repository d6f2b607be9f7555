package io.lossgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.spec.SpecText;
import io.lossgrid.spec.SweepSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialIdsTest {
    /** The text that separated a data set's map from the model's in the old, toString()-based key. */
    private static final String SEAM = ", csv=f.csv, features=[x], label=y};model={name=";

    private static SweepSpec csvSpec(String dataName, String modelName) {
        return SpecText.valid()
                .with("data", "{name: '" + dataName + "', csv: f.csv, features: [x], label: y}")
                .with("model", "{type: linear, name: '" + modelName + "', weightInit: zero}")
                .parse();
    }

    @Test
    void namesHoldingTheSeparatorsOfTheOldKeyNoLongerMakeTwoConfigurationsOneId() {
        // data "a" + model "b<seam>c" and data "a<seam>b" + model "c" read the same once written as
        // "data=" + data.toString() + ";model=" + model.toString(): the old key gave them one id.
        SweepSpec first = csvSpec("a", "b" + SEAM + "c");
        SweepSpec second = csvSpec("a" + SEAM + "b", "c");
        String firstId = AllTrials.of(first).get(0).id();
        String secondId = AllTrials.of(second).get(0).id();
        assertNotEquals(firstId, secondId);
    }

    @Test
    void theHashedKeyIsCanonicalJsonWithSortedKeysAndAVersion() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "d\"q");
        data.put("csv", "f.csv");
        String key = TrialIds.key(data, Map.of("name", "linear"), "mse", Map.of("name", "sgd"), 10.0, 0.001, 42L,
                Map.of("epochs", 5));
        assertEquals("{\"alpha\":10.0,\"data\":{\"csv\":\"f.csv\",\"name\":\"d\\\"q\"},\"learningRate\":0.001,"
                + "\"loss\":\"mse\",\"model\":{\"name\":\"linear\"},\"optimizer\":{\"name\":\"sgd\"},\"seed\":42,"
                + "\"training\":{\"epochs\":5},\"v\":1}", key);
    }

    @Test
    void anIdIsTheOptimizerNameAndTwelveHexDigitsThatDependOnlyOnTheConfiguration() {
        Map<String, Object> data = Map.of("name", "d", "csv", "f.csv");
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("csv", "f.csv");
        reordered.put("name", "d");
        String id = TrialIds.of(data, Map.of("name", "linear"), "mse", Map.of("name", "adam", "beta1", 0.9), 1.0, 0.01,
                0L, Map.of("epochs", 5));
        assertTrue(id.matches("adam-[0-9a-f]{12}"), id);
        assertEquals(id, TrialIds.of(reordered, Map.of("name", "linear"), "mse", Map.of("beta1", 0.9, "name", "adam"),
                1.0, 0.01, 0L, Map.of("epochs", 5)), "key order does not matter");
        assertNotEquals(id, TrialIds.of(data, Map.of("name", "linear"), "mse", Map.of("name", "adam", "beta1", 0.9),
                1.0, 0.01, 1L, Map.of("epochs", 5)), "another seed is another trial");
    }

    @Test
    void theIdOfAKnownConfigurationIsPinnedSoThatAFormatChangeIsNoticed() {
        SweepSpec spec = SpecText.valid().parse();
        String id = AllTrials.of(spec).get(0).id();
        assertEquals(PINNED_ID, id, "version " + TrialIds.VERSION + " ids changed: bump TrialIds.VERSION and say so in the README");
    }

    private static final String PINNED_ID = "sgd-79734fe72749";
}
