package io.lossgrid.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lossgrid.base.Section;
import io.lossgrid.data.BlobsData;
import io.lossgrid.data.DataSpecs;
import io.lossgrid.data.LinearData;
import io.lossgrid.outcome.OutcomeRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The resolved spec written to {@code sweep.json} holds exactly the declared fields, in declaration order:
 * a new declaration is written without further code, and nothing is written that is not declared.
 */
class SpecDeclarationsTest {
    private static List<String> keys(Map<String, Object> map) {
        return List.copyOf(map.keySet());
    }

    private static List<String> declared(Section section) {
        return List.copyOf(section.keys());
    }

    private static List<String> named(Section section) {
        List<String> out = new ArrayList<>();
        out.add(DataSpecs.NAME.key());
        out.addAll(section.keys());
        return out;
    }

    @Test
    void theResolvedSpecWritesEveryDeclaredTopLevelField() {
        List<String> declared = new ArrayList<>(declared(SweepSpec.FIELDS));
        declared.remove(SweepSpec.OUTPUT.key());
        assertEquals(declared, keys(SpecText.valid().parse().toMap()), "every field but the default output");
        assertEquals(declared(SweepSpec.FIELDS), keys(SpecText.parseWith("output", "{models: final}").toMap()));
    }

    @Test
    void eachSectionWritesEveryDeclaredFieldWithItsDefault() {
        SweepSpec spec = SpecText.valid().parse();
        assertEquals(declared(TrainingSpec.FIELDS).subList(0, 3), keys(spec.training().toMap()),
                "every field but the absent trace and distributed");
        assertEquals(declared(Limits.FIELDS), keys(spec.limits().toMap()));
        assertEquals(declared(OutcomeRules.FIELDS).subList(1, OutcomeRules.FIELDS.fields().size()),
                keys(spec.convergence().toMap()), "every rule but the absent targetLoss");
        assertEquals(Map.of("maxTrials", 1_000_000, "maxFailedShare", 0.5, "maxDataBytes", 1L << 30),
                spec.limits().toMap());
    }

    @Test
    void generatedDataWritesItsNameAndEveryDeclaredSetting() {
        assertEquals(named(LinearData.FIELDS), keys(SpecText.valid().parse().data().get(0).toMap()));
        List<String> blobs = new java.util.ArrayList<>(named(BlobsData.FIELDS));
        blobs.remove(BlobsData.WEIGHTS.key());
        assertEquals(blobs, keys(SpecText.parseWith("data", "{synthetic: {generator: blobs}}").data().get(0).toMap()),
                "every setting but the absent weights");
        assertEquals(named(BlobsData.FIELDS), keys(SpecText.parseWith("data",
                "{synthetic: {generator: blobs, classes: 2, weights: [3, 1]}}").data().get(0).toMap()));
    }

    @Test
    void aModelWritesTheFieldsOfItsType() {
        assertEquals(List.of("name", "type", "weightInit"), keys(SpecText.valid().parse().models().get(0).toMap()));
        assertEquals(List.of("name", "type", "hidden", "activation", "weightInit"),
                keys(SpecText.parseWith("model", "{type: mlp, hidden: [4]}").models().get(0).toMap()));
        assertEquals(List.of("type", "name", "hidden", "activation", "weightInit"), declared(ModelSpec.MLP));
    }

    @Test
    void theGridWritesItsAxesOrItsCells() {
        assertEquals(List.of("alpha", "learningRate", "optimizer", "seed"), keys(SpecText.valid().parse().grid().toMap()));
        assertEquals(List.of("cells", "optimizer", "seed"), keys(SpecText.parseWith("grid",
                "{cells: [{alpha: 1, learningRate: 0.1}], optimizer: [sgd]}").grid().toMap()));
    }
}
