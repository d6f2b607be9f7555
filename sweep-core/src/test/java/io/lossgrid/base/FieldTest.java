package io.lossgrid.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldTest {
    private static final Field<Integer> SIZE = Field.withDefault("size", Types.INT, 3, "how many")
            .rule("must be >= 1", v -> v >= 1);
    private static final Field<String> LABEL = Field.required("label", Types.STRING, "what it is called");
    private static final Field<Double> TARGET = Field.optional("target", Types.NUMBER, "where it stops", "never");
    private static final Section SECTION = Section.of(LABEL, SIZE, TARGET);

    /** A record holding the section's values, for {@link Section#write}. */
    public record Holder(String label, int size, Double target) {
    }

    private static Node node(Object value) {
        return new Node("thing", value);
    }

    @Test
    void aValueBreakingARuleIsRefusedNamingTheKeyTheRuleAndTheValue() {
        SpecException e = assertThrows(SpecException.class, () -> SIZE.check(0));
        assertEquals("size must be >= 1, found 0", e.getMessage());
        assertEquals(5, SIZE.check(5));
    }

    @Test
    void anAbsentFieldTakesItsDefaultAndAnAbsentOptionalOneIsNull() {
        Section.Values v = SECTION.read(node(Map.of("label", "a")));
        assertEquals(3, v.get(SIZE));
        assertNull(v.get(TARGET));
        assertFalse(v.has(SIZE));
        assertEquals("a", v.get(LABEL));
    }

    @Test
    void anAbsentRequiredFieldIsRefusedAtItsPath() {
        SpecException e = assertThrows(SpecException.class, () -> SECTION.read(node(Map.of("size", 2))));
        assertEquals("thing.label is required, found nothing", e.getMessage());
    }

    @Test
    void anUndeclaredKeyIsRefusedNamingTheDeclaredOnesWithADidYouMean() {
        SpecException e = assertThrows(SpecException.class, () -> SECTION.read(node(Map.of("label", "a", "sise", 2))));
        assertEquals("thing.sise is not a known field (known: label, size, target), found unknown key \"sise\"; "
                + "did you mean \"size\"?", e.getMessage());
    }

    @Test
    void theCanonicalFormFollowsTheDeclarationsAndLeavesOutAbsentOptionalValues() {
        assertEquals(List.of("label", "size"), List.copyOf(SECTION.write(new Holder("a", 3, null)).keySet()));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("label", "a");
        expected.put("size", 4);
        expected.put("target", 0.5);
        assertEquals(expected, SECTION.write(new Holder("a", 4, 0.5)));
    }

    @Test
    void theSchemaListsEveryFieldRequiresTheRequiredOnesAndForbidsOthers() {
        Map<String, Object> schema = SECTION.schema();
        assertEquals(List.of("label"), schema.get("required"));
        assertEquals(false, schema.get("additionalProperties"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertEquals(List.of("label", "size", "target"), List.copyOf(properties.keySet()));
        assertEquals(3, properties.get("size").get("default"));
        assertEquals("how many (must be >= 1)", properties.get("size").get("description"));
    }

    @Test
    void theReadmeTextSaysWhetherAFieldIsRequiredOrWhatItDefaultsTo() {
        assertEquals("default `3`; must be >= 1", SIZE.ruleText());
        assertEquals("required", LABEL.ruleText());
        assertEquals("absent: never", TARGET.ruleText());
    }

    @Test
    void aKeyDeclaredTwiceInOneSectionIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Section.of(SIZE, SIZE));
        assertTrue(SECTION.keys().contains("size"));
    }
}
