package io.lossgrid.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import io.lossgrid.grid.AllTrials;
import io.lossgrid.spec.SpecText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code validation:} in a data entry as a spec writes it. */
class ValidationSpecTest {

    private static DataSpec parse(String yaml) {
        return DataSpecs.parse(new Node("data", new Yaml().load(yaml)));
    }

    private static void assertRefused(String message, String yaml) {
        SpecException e = assertThrows(SpecException.class, () -> parse(yaml));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aNumberIsAShareDrawnFromSeedZero() {
        Validated v = (Validated) parse("{csv: d.csv, features: [x], label: y, validation: 0.2}");
        assertEquals(new Validation.Share(0.2, 0), v.validation());
        assertEquals("d", v.name());
        assertEquals(Map.of("share", 0.2, "seed", 0L), v.toMap().get("validation"));
    }

    @Test
    void aShareMapGivesItsSeed() {
        Validated v = (Validated) parse("{synthetic: {generator: blobs}, validation: {share: 0.3, seed: 7}}");
        assertEquals(new Validation.Share(0.3, 7), v.validation());
    }

    @Test
    void aSeparateSetTakesTheEntrysFeaturesAndLabelWhenItGivesNone() {
        Validated v = (Validated) parse("{csv: d.csv, features: [x], label: y, validation: {csv: v.csv}}");
        CsvData set = (CsvData) ((Validation.Separate) v.validation()).set();
        assertEquals(List.of("x"), set.features());
        assertEquals(List.of("y"), set.label());
        assertEquals("v.csv", ((Map<?, ?>) v.toMap().get("validation")).get("csv"));
    }

    @Test
    void aSeparateImageFolderTakesTheEntrysSize() {
        Validated v = (Validated) parse("{images: train, size: [8, 8], validation: {images: val}}");
        ImageFolderData set = (ImageFolderData) ((Validation.Separate) v.validation()).set();
        assertEquals(8, set.height());
    }

    @Test
    void theResolvedFormParsesBackToTheSameEntry() {
        DataSpec d = parse("{csv: d.csv, features: [x], label: y, validation: 0.2}");
        assertEquals(d, parse(new Yaml().dump(d.toMap())));
    }

    @Test
    void aShareOfOneIsRefused() {
        assertRefused("data.validation must be a share in (0, 1) (the part of the examples held out) or a separate data"
                + " set such as {csv: val.csv}, found 1", "{csv: d.csv, features: [x], label: y, validation: 1.0}");
    }

    @Test
    void aShareOfZeroInTheMapFormIsRefused() {
        assertRefused("data.validation.share must be in (0, 1) (the part of the examples held out), found 0",
                "{csv: d.csv, features: [x], label: y, validation: {share: 0}}");
    }

    @Test
    void aValidationSetWithItsOwnValidationIsRefused() {
        assertRefused("data.validation.validation must not be given in a validation set, found 0.5",
                "{csv: d.csv, features: [x], label: y, validation: {csv: v.csv, validation: 0.5}}");
    }

    @Test
    void trialIdsChangeOnlyForEntriesWithAValidationSet() {
        var plain = AllTrials.of(SpecText.parseWith("data", "{synthetic: {generator: linear, samples: 20, seed: 1}}"));
        var same = AllTrials.of(SpecText.valid().parse());
        var validated = AllTrials.of(SpecText.parseWith("data",
                "{synthetic: {generator: linear, samples: 20, seed: 1}, validation: 0.2}"));
        assertEquals(plain.get(0).id(), same.get(0).id());
        assertNotEquals(plain.get(0).id(), validated.get(0).id());
        assertInstanceOf(Validated.class, SpecText.parseWith("data",
                "{synthetic: {generator: linear, samples: 20, seed: 1}, validation: 0.2}").data().get(0));
        assertTrue(validated.get(0).id().startsWith("sgd-"));
    }
}
