package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lossgrid.data.ShapesData;
import io.lossgrid.data.Validated;
import io.lossgrid.data.Validation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** The {@code cnn} model in a spec: its defaults, its name (the {@code model} column), and each rule it can break. */
class CnnSpecTest {
    private static final String SHAPES = "{synthetic: {generator: shapes, samples: 40, size: 16}}";

    private static SweepSpec cnnSpec(String model) {
        return SpecText.valid().with("data", SHAPES).with("loss", "xent").with("model", model).parse();
    }

    private static void assertCnnRefused(String message, String model) {
        assertRefused(message, SpecText.valid().with("data", SHAPES).with("loss", "xent").with("model", model)::parse);
    }

    @Test
    void aCnnTakesTheIssuesDefaults() {
        ModelSpec m = cnnSpec("{type: cnn, conv: [8, 16]}").models().get(0);
        assertEquals("cnn", m.type());
        assertEquals(new Convolution(List.of(8, 16), 3, 2, false, 0.0), m.convolution());
        assertEquals(List.of(), m.hidden());
        assertEquals(Activation.RELU, m.activation());
        assertEquals(WeightInit.RELU, m.weightInit());
    }

    @Test
    void theModelColumnStatesTheCnnsShape() {
        assertEquals("cnn(8-16,k3,p2,d32)", cnnSpec("{type: cnn, conv: [8, 16], kernel: 3, pool: 2, dense: [32], "
                + "activation: relu, weightInit: relu, batchNorm: false, dropout: 0}").models().get(0).name());
        assertEquals("cnn(4,k5,p1)", cnnSpec("{type: cnn, conv: [4], kernel: 5, pool: 1}").models().get(0).name());
        assertEquals("cnn(4-8,k3,p2,d16-8,bn,drop0.25,tanh)", cnnSpec("{type: cnn, conv: [4, 8], dense: [16, 8], "
                + "batchNorm: true, dropout: 0.25, activation: tanh}").models().get(0).name());
        assertEquals("mine", cnnSpec("{type: cnn, conv: [4], name: mine}").models().get(0).name());
    }

    @Test
    void aListOfCnnsIsAnAxisOfDistinctlyNamedModels() {
        List<ModelSpec> models = cnnSpec("[{type: cnn, conv: [4]}, {type: cnn, conv: [4], pool: 1}, {type: mlp, hidden: [8]}]")
                .models();
        assertEquals(List.of("cnn(4,k3,p2)", "cnn(4,k3,p1)", "mlp-8-relu"), models.stream().map(ModelSpec::name).toList());
    }

    @Test
    void theResolvedCnnListsEveryFieldInDeclarationOrder() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "cnn(8,k3,p2,d32)");
        expected.put("type", "cnn");
        expected.put("conv", List.of(8));
        expected.put("kernel", 3);
        expected.put("pool", 2);
        expected.put("dense", List.of(32));
        expected.put("activation", "relu");
        expected.put("weightInit", "relu");
        expected.put("batchNorm", false);
        expected.put("dropout", 0.0);
        Map<String, Object> written = cnnSpec("{type: cnn, conv: [8], dense: [32]}").models().get(0).toMap();
        assertEquals(expected, written);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(written.keySet()));
    }

    @Test
    void linearAndMlpModelsHaveNoConvolutionAndKeepTheirResolvedForm() {
        ModelSpec mlp = SpecText.parseWith("model", "{type: mlp, hidden: [4]}").models().get(0);
        assertNull(mlp.convolution());
        assertEquals(List.of("name", "type", "hidden", "activation", "weightInit"), List.copyOf(mlp.toMap().keySet()));
        ModelSpec linear = SpecText.parseWith("model", "{type: linear}").models().get(0);
        assertEquals(List.of("name", "type", "weightInit"), List.copyOf(linear.toMap().keySet()));
    }

    @Test
    void theShippedFocalCnnStudyIsAn810TrialCnnSweepOverThreeLossesOnImbalancedShapes() {
        SweepSpec spec = SpecLoader.load(Path.of("..", "conf", "focal-cnn.yaml"));
        assertEquals(810, spec.trialCount());
        assertEquals(List.of("xent", "xent(classWeights=[9.0, 1.0])", "focal(gamma=2.0)"),
                spec.losses().stream().map(io.lossgrid.loss.Loss::name).toList());
        assertEquals("cnn(8-16,k3,p2,d32)", spec.models().get(0).name());
        Validated data = (Validated) spec.data().get(0);
        assertArrayEquals(new int[] {32, 288}, ((ShapesData) data.data()).classCounts());
        assertEquals(new Validation.Share(0.2, 0), data.validation(), "a fifth of each class held out");
    }

    @Test
    void theShapesGeneratorGivesItsImageShape() {
        ShapesData d = (ShapesData) cnnSpec("{type: cnn, conv: [4]}").data().get(0);
        assertEquals("1x16x16", d.imageShape().orElseThrow().toString());
    }

    @Test
    void aCnnOnDataWithoutAnImageShapeIsRefusedNamingTheDataAndTheModel() {
        assertRefused("model is a cnn, which needs image data (such as synthetic: {generator: shapes}), found data \"blobs\" "
                        + "without an image shape; train \"cnn(4,k3,p2)\" on images, or use type mlp",
                SpecText.valid().with("data", "{synthetic: {generator: blobs}}").with("loss", "xent")
                        .with("model", "{type: cnn, conv: [4]}")::parse);
    }

    @Test
    void aCnnWhosePoolingOutgrowsTheImageIsRefused() {
        assertCnnRefused("model[1].pool must leave at least one pixel after 5 pooling blocks of the 1x16x16 images of data "
                + "\"shapes\", found 2; use fewer blocks or a smaller pool", "[{type: mlp, hidden: [2]}, "
                + "{type: cnn, conv: [1, 1, 1, 1, 1]}]");
    }

    @Test
    void anImageSetBeyondTheDataLimitIsRefusedNamingTheLimitBeforeAnyImageIsDrawn() {
        assertRefused("data must fit in limits.maxDataBytes = 1073741824 bytes (its x and y arrays as float), found "
                        + "3277200000 bytes (50000 rows x (16384 inputs + 2 outputs) x 4 bytes)",
                SpecText.valid().with("data", "{synthetic: {generator: shapes, samples: 50000, size: 128}}").with("loss", "xent")
                        .with("model", "{type: cnn, conv: [4]}")::parse);
        assertRefused("data must fit in limits.maxDataBytes = 100000 bytes (its x and y arrays as float), found "
                        + "103200 bytes (100 rows x (256 inputs + 2 outputs) x 4 bytes)",
                SpecText.valid().with("data", "{synthetic: {generator: shapes, samples: 100, size: 16}}").with("loss", "xent")
                        .with("limits", "{maxDataBytes: 100000}").with("model", "{type: cnn, conv: [4]}")::parse);
    }

    @Test
    void aCnnNeedsItsConvolutionBlocks() {
        assertCnnRefused("model.conv is required for a cnn (filters per block such as [8, 16]), found nothing",
                "{type: cnn, dense: [8]}");
    }

    @Test
    void aCnnNeedsAtLeastOneBlock() {
        assertCnnRefused("model.conv must not be empty, found a list", "{type: cnn, conv: []}");
    }

    @Test
    void aBlockHasAtLeastOneFilter() {
        assertCnnRefused("model.conv[1] must be between 1 and 100000, found 0", "{type: cnn, conv: [4, 0]}");
    }

    @Test
    void theKernelIsAtLeastOnePixel() {
        assertCnnRefused("model.kernel must be between 1 and 64, found 0", "{type: cnn, conv: [4], kernel: 0}");
    }

    @Test
    void thePoolIsAtLeastOnePixel() {
        assertCnnRefused("model.pool must be between 1 and 64, found 0", "{type: cnn, conv: [4], pool: 0}");
    }

    @Test
    void aDenseLayerHasAtLeastOneUnit() {
        assertCnnRefused("model.dense[0] must be between 1 and 1000000, found 0", "{type: cnn, conv: [4], dense: [0]}");
    }

    @Test
    void dropoutIsAProbabilityBelowOne() {
        assertCnnRefused("model.dropout must be in [0, 1), found 1", "{type: cnn, conv: [4], dropout: 1}");
    }

    @Test
    void batchNormIsTrueOrFalse() {
        assertCnnRefused("model.batchNorm must be true or false, found \"yes please\"",
                "{type: cnn, conv: [4], batchNorm: yes please}");
    }

    @Test
    void aCnnsWeightInitObeysTheWeightInitRule() {
        assertCnnRefused("model.weightInit must not be distribution (it needs a distribution that a spec cannot give), "
                + "found \"distribution\"", "{type: cnn, conv: [4], weightInit: distribution}");
    }
}
