package io.lossgrid.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema file and the README's spec table are generated from the declarations; these tests fail when
 * a committed copy differs. To regenerate both after changing a declaration:
 * {@code mvn -B -o -q test -pl sweep-core -Dtest=SpecDocsTest -Dlossgrid.regenerate=true}.
 */
class SpecDocsTest {
    private static final Path ROOT = Path.of("..");
    private static final boolean REGENERATE = Boolean.getBoolean("lossgrid.regenerate");

    @Test
    void theCommittedSchemaIsTheOneTheDeclarationsGenerate() throws IOException {
        Path file = ROOT.resolve(SpecDocs.SCHEMA_FILE);
        if (REGENERATE) {
            Files.writeString(file, SpecDocs.schemaText(), StandardCharsets.UTF_8);
        }
        assertEquals(SpecDocs.schemaText(), Files.readString(file, StandardCharsets.UTF_8),
                SpecDocs.SCHEMA_FILE + " is stale: regenerate it (see SpecDocs)");
    }

    @Test
    void theReadmeSpecTableIsTheOneTheDeclarationsGenerate() throws IOException {
        Path readme = ROOT.resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        if (REGENERATE) {
            text = SpecDocs.withTable(text);
            Files.writeString(readme, text, StandardCharsets.UTF_8);
        }
        assertEquals(SpecDocs.withTable(text), text, "README.md's spec table is stale: regenerate it (see SpecDocs)");
    }

    @Test
    void theTableHasARowForEveryDeclaredTopLevelAndTrainingField() {
        List<String> rows = SpecDocs.tableRows();
        for (String key : SweepSpec.FIELDS.keys()) {
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("| `" + key + "` |")), key);
        }
        for (String key : TrainingSpec.FIELDS.keys()) {
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("| `training." + key + "` |")), key);
        }
        assertTrue(rows.contains("| `limits.maxDataBytes` | the most bytes one data set's x and y arrays may take in "
                + "memory as float, checked before generating or loading it | default `1073741824`; must be >= 1 |"));
    }

    @Test
    void theSchemaRequiresTheRequiredSectionsAndForbidsUnknownKeys() {
        Map<String, Object> schema = SpecDocs.schema();
        assertEquals(List.of("name", "data", "model", "loss", "training", "grid"), schema.get("required"));
        assertEquals(false, schema.get("additionalProperties"));
        assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema"));
    }

    @Test
    void everyShippedSpecNamesTheSchemaOnItsFirstLineAndParses() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Stream.concat(Files.list(ROOT.resolve("conf")), Files.list(ROOT.resolve("conf/bench")))) {
            specs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(specs.size() >= 10, "the shipped specs: " + specs);
        for (Path spec : specs) {
            Path schema = spec.getParent().relativize(ROOT.resolve(SpecDocs.SCHEMA_FILE)).normalize();
            String first = Files.readAllLines(spec, StandardCharsets.UTF_8).get(0);
            assertEquals("# yaml-language-server: $schema=" + schema.toString().replace('\\', '/'), first, spec.toString());
            SpecLoader.load(spec);
        }
    }

    @Test
    void theSchemaFileIsValidJson() throws IOException {
        Object parsed = new ObjectMapper().readValue(ROOT.resolve(SpecDocs.SCHEMA_FILE).toFile(), Object.class);
        assertEquals(SpecDocs.schema().keySet(), ((Map<?, ?>) parsed).keySet());
    }
}
