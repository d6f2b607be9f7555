package io.lossgrid.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The generated schema checks specs as an editor would: the shipped ones pass, broken ones do not. */
class SchemaValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(JSON.valueToTree(SpecDocs.schema()));

    private static Set<ValidationMessage> check(String yaml) {
        JsonNode spec = JSON.valueToTree(new Yaml().load(yaml));
        return SCHEMA.validate(spec);
    }

    @Test
    void everyShippedSpecPassesTheSchema() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("..", "conf")), Files.list(Path.of("..", "conf", "bench")))) {
            specs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path spec : specs) {
            assertEquals(Set.of(), check(Files.readString(spec, StandardCharsets.UTF_8)), spec.toString());
        }
    }

    @Test
    void theSmallestValidSpecAndAnMlpWithRangesAndCellsPass() {
        assertEquals(Set.of(), check(SpecText.valid().text()));
        assertEquals(Set.of(), check(SpecText.valid().with("model", "{type: mlp, hidden: [8, 8], activation: tanh}")
                .with("data", "[{synthetic: {generator: blobs, classes: 4}}, {name: l, csv: a.csv, features: [x], label: y}]")
                .with("loss", "[mse, xent]").with("training", "{epochs: 3, batchSize: full, dtype: double}")
                .with("grid", "{alpha: {log: [0.1, 10], steps: 3}, learningRate: {linear: [0.01, 0.1], steps: 2}, "
                        + "optimizer: [sgd, {name: adam, beta1: 0.8}], seed: {range: [0, 4]}}")
                .with("limits", "{maxTrials: 100, maxDataBytes: 1000000}").text()));
        assertEquals(Set.of(), check(SpecText.valid().with("grid",
                "{cells: [{alpha: 1, learningRate: 0.1}], optimizer: sgd, seed: 3}").text()));
    }

    @Test
    void aMisspeltKeyAWrongTypeAndAnUnknownOptimizerAreFlagged() {
        assertTrue(check(SpecText.valid().with("grid", "{learnignRate: [0.1], optimizer: [sgd]}").text()).stream()
                .anyMatch(m -> m.getMessage().contains("learnignRate")));
        assertFalse(check(SpecText.valid().with("training", "{epochs: ten}").text()).isEmpty());
        assertFalse(check(SpecText.valid().with("grid", "{learningRate: [0.1], optimizer: [adamw]}").text()).isEmpty());
        assertFalse(check(SpecText.valid().with("model", "{type: linear, hidden: [3]}").text()).isEmpty());
        assertFalse(check(SpecText.valid().without("grid").text()).isEmpty());
    }
}
