package io.lossgrid.spec;

import io.lossgrid.loss.Loss;
import static io.lossgrid.spec.SpecText.parseWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.base.SpecException;
import io.lossgrid.data.BlobsData;
import io.lossgrid.data.CsvData;
import io.lossgrid.data.LinearData;
import io.lossgrid.data.Table;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.search.SearchState;
import io.lossgrid.search.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/** Specs that must be accepted, and the values they parse to. */
class SpecLoaderTest {

    /** The issue's example, verbatim (comments included). */
    static final String SCALING_LINEAR = """
            name: scaling-linear
            data:
              csv: linear.csv          # header row; numeric columns
              features: [x]
              label: y
            model:
              type: linear             # one dense output layer, identity activation: PyTorch's nn.Linear
              weightInit: zero         # any DL4J WeightInit name; biases start at 0
            loss: mse
            training:
              epochs: 100
              batchSize: full          # or a number
            grid:
              alpha: [0.1, 1, 10, 100]
              learningRate: [0.001, 0.01, 0.1]
              optimizer: [sgd, adam]
              seed: [42]
            """;

    @Test
    void theIssueExampleIsAcceptedAsWritten(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("linear.csv"), "x,y\n0,1\n0.5,2\n1,3\n");
        Path file = dir.resolve("scaling-linear.yaml");
        Files.writeString(file, SCALING_LINEAR);

        SweepSpec spec = SpecLoader.load(file);

        assertEquals("scaling-linear", spec.name());
        assertEquals(List.of(0.1, 1.0, 10.0, 100.0), spec.grid().alpha().values());
        assertEquals(List.of(0.001, 0.01, 0.1), spec.grid().learningRate().values());
        assertEquals(List.of("sgd", "adam"), spec.grid().optimizers().stream().map(Optimizer::name).toList());
        assertEquals(List.of(42L), spec.grid().seeds());
        assertNull(spec.grid().explicitCells());

        assertEquals(100, spec.training().epochs());
        assertTrue(spec.training().fullBatch());
        assertEquals(TrainingSpec.FULL_BATCH, spec.training().batchSize());
        assertEquals(DataType.FLOAT, spec.training().dataType(), "float unless the spec says otherwise");

        assertEquals(1, spec.models().size());
        ModelSpec model = spec.models().get(0);
        assertEquals("linear", model.type());
        assertEquals(List.of(), model.hidden());
        assertEquals(WeightInit.ZERO, model.weightInit());
        assertEquals(List.of(new Loss.Mse()), spec.losses());

        CsvData csv = assertInstanceOf(CsvData.class, spec.data().get(0));
        assertEquals("linear.csv", csv.file());
        assertEquals(List.of("x"), csv.features());
        assertEquals(List.of("y"), csv.label());
        assertEquals("linear", csv.name(), "the file name without its extension");
        assertEquals(dir.toAbsolutePath(), spec.baseDir(), "relative paths resolve against the spec's directory");

        Table table = csv.load(spec.baseDir());
        assertEquals(3, table.rows());
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, table.x());
        assertArrayEquals(new float[] {1f, 2f, 3f}, table.y());

        assertEquals(OutcomeRules.DEFAULT, spec.convergence());
        assertEquals(Limits.DEFAULT, spec.limits());
        assertEquals(4 * 3 * 2, spec.trialCount());
    }

    @Test
    void theShippedScalingExampleIsTheIssueExample() throws IOException {
        Path shipped = Path.of("..", "conf", "scaling-linear.yaml");
        SweepSpec fromFile = SpecLoader.load(shipped);
        SweepSpec fromText = SpecLoader.parse(SCALING_LINEAR, shipped.toAbsolutePath().getParent());
        assertEquals(fromText.toMap(), fromFile.toMap());
        assertEquals(200, fromFile.data().get(0).load(fromFile.baseDir()).rows());
    }

    @Test
    void aResolvedSpecParsesBackToTheSameSpecWithTheSameTrialIds() {
        Path shipped = Path.of("..", "conf", "boundary-study.yaml");
        SweepSpec spec = SpecLoader.load(shipped);
        SweepSpec back = SpecLoader.resolved(spec.toMap(), shipped.toAbsolutePath().getParent());
        assertEquals(spec.toMap(), back.toMap());
        SearchState none = SearchState.empty();
        assertEquals(Strategy.of(spec).next(none, 4).orElseThrow().trials(),
                Strategy.of(back).next(none, 4).orElseThrow().trials());
    }

    @Test
    void aResolvedSpecOfGeneratedDataParsesBackToTheSameSpec() {
        SweepSpec spec = SpecLoader.parse("""
                name: gen
                data: [{synthetic: {generator: linear, samples: 64, seed: 3}}, {name: b, synthetic: {generator: blobs}}]
                model: {type: linear}
                loss: mse
                training: {epochs: 3}
                grid: {alpha: [1], learningRate: [0.1], optimizer: [sgd]}
                """, Path.of("."));
        assertEquals(spec.toMap(), SpecLoader.resolved(spec.toMap(), Path.of(".")).toMap());
    }

    @Test
    void aResolvedSpecThatBreaksARuleIsRefusedWithTheRulesMessage() {
        Map<String, Object> tree = new LinkedHashMap<>(SpecText.valid().parse().toMap());
        tree.put("name", "");
        SpecException e = assertThrows(SpecException.class,
                () -> SpecLoader.resolved(tree, Path.of(".")));
        assertTrue(e.getMessage().startsWith("name "), e.getMessage());
    }

    @Test
    void theShippedSeedSpecListsItsThreeCells() {
        SweepSpec spec = SpecLoader.load(Path.of("..", "conf", "seed.yaml"));
        assertEquals(List.of(new GridSpec.Cell(1, 0.01), new GridSpec.Cell(10, 0.01), new GridSpec.Cell(10, 0.001)),
                spec.grid().cells());
        assertNull(spec.grid().alpha());
        assertEquals(List.of(1.0, 10.0), GridValues.alphas(spec.grid()));
        assertEquals(List.of(0.01, 0.001), GridValues.learningRates(spec.grid()));
        assertEquals(3, spec.trialCount());
    }

    @Test
    void alphaDefaultsToOneAndSeedToZero() {
        SweepSpec spec = parseWith("grid", "{learningRate: [0.1], optimizer: [sgd]}");
        assertEquals(List.of(1.0), GridValues.alphas(spec.grid()));
        assertEquals(List.of(0L), spec.grid().seeds());
    }

    @Test
    void singleValuesStandForListsOfOne() {
        SweepSpec spec = parseWith("grid", "{alpha: 2, learningRate: 0.5, optimizer: adam, seed: 7}");
        assertEquals(List.of(2.0), GridValues.alphas(spec.grid()));
        assertEquals(List.of(0.5), GridValues.learningRates(spec.grid()));
        assertEquals("adam", spec.grid().optimizers().get(0).name());
        assertEquals(List.of(7L), spec.grid().seeds());
    }

    @Test
    void aSeedRangeListsEverySeedFromItsFirstToItsLastBound() {
        SweepSpec spec = parseWith("grid", "{learningRate: [0.1], optimizer: [sgd], seed: {range: [3, 7]}}");
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), spec.grid().seeds());
        assertEquals(5, spec.trialCount());
    }

    @Test
    void exponentNotationWithoutADotIsANumber() {
        // YAML 1.1 reads 1e-4 as a string; the loader accepts numeric strings.
        SweepSpec spec = parseWith("grid", "{alpha: [1e2], learningRate: [1e-4, 3.0e-3], optimizer: [sgd]}");
        assertEquals(List.of(100.0), GridValues.alphas(spec.grid()));
        assertEquals(List.of(1e-4, 3e-3), GridValues.learningRates(spec.grid()));
    }

    @Test
    void explicitCellsAreKeptInTheOrderWritten() {
        SweepSpec spec = parseWith("grid", "\n  cells:\n    - {alpha: 10, learningRate: 0.001}\n"
                + "    - {alpha: 1, learningRate: 0.01}\n  optimizer: [sgd]");
        assertEquals(List.of(new GridSpec.Cell(10, 0.001), new GridSpec.Cell(1, 0.01)), spec.grid().cells());
        assertEquals(List.of(10.0, 1.0), GridValues.alphas(spec.grid()));
    }

    @Test
    void optimizerMapsSetHyperparametersAndKeepTheOtherDefaults() {
        SweepSpec spec = parseWith("grid",
                "{learningRate: [0.1], optimizer: [{name: nesterovs, momentum: 0.5}, {name: adam, beta1: 0.8}, sgd]}");
        assertEquals(List.of(new Optimizer.Nesterovs(0.5), GridValues.adam(0.8, 0.999, 1e-8), new Optimizer.Sgd()),
                spec.grid().optimizers());
        assertEquals("adam(beta1=0.8, beta2=0.999, epsilon=1.0E-8)", spec.grid().optimizers().get(1).describe());
    }

    @Test
    void mlpModelsTakeHiddenWidthsAndAnActivation() {
        ModelSpec m = parseWith("model", "{type: mlp, hidden: [16, 8], activation: tanh}").models().get(0);
        assertEquals("mlp", m.type());
        assertEquals(List.of(16, 8), m.hidden());
        assertEquals(Activation.TANH, m.activation());
        assertEquals(ModelSpec.DEFAULT_WEIGHT_INIT, m.weightInit());
        assertEquals("mlp-16x8-tanh", m.name());
    }

    @Test
    void activationAndWeightInitNamesIgnoreCase() {
        ModelSpec m = parseWith("model", "{type: mlp, hidden: [4], activation: LeakyReLU, weightInit: LECUN_NORMAL}")
                .models().get(0);
        assertEquals(Activation.LEAKYRELU, m.activation());
        assertEquals(WeightInit.LECUN_NORMAL, m.weightInit());
        assertEquals(ModelSpec.DEFAULT_ACTIVATION, parseWith("model", "{type: mlp, hidden: [4]}").models().get(0).activation());
    }

    @Test
    void aModelMayBeNamed() {
        assertEquals("base", parseWith("model", "{type: linear, name: base}").models().get(0).name());
    }

    @Test
    void xentLossPairsWithBlobs() {
        SweepSpec spec = SpecText.valid().with("loss", "xent")
                .with("data", "{synthetic: {generator: blobs}}").parse();
        assertEquals(List.of(new Loss.Xent()), spec.losses());
        assertTrue(new Loss.Xent().classifier());
        assertEquals(Activation.SOFTMAX, new Loss.Xent().outputActivation(3));
        assertEquals(Activation.IDENTITY, new Loss.Mse().outputActivation(1));
    }

    @Test
    void syntheticLinearDataTakesEverySetting() {
        var d = parseWith("data", "{name: plane, synthetic: {generator: linear, samples: 64, features: 2, "
                + "slope: [1, -1], intercept: 0.5, noise: 0, seed: 3}}").data().get(0);
        assertEquals(new LinearData("plane", 64, 2, List.of(1.0, -1.0), 0.5, 0.0, 3), d);
    }

    @Test
    void syntheticLinearDataHasDefaults() {
        var d = parseWith("data", "{synthetic: {generator: linear}}").data().get(0);
        assertEquals(new LinearData("linear", LinearData.DEFAULT_SAMPLES, 1, List.of(LinearData.DEFAULT_SLOPE),
                LinearData.DEFAULT_INTERCEPT, LinearData.DEFAULT_NOISE, 0), d);
    }

    @Test
    void blobsDataTakesEverySettingAndHasDefaults() {
        var d = parseWith("data", "{synthetic: {generator: blobs, samples: 90, features: 3, classes: 4, "
                + "separation: 4, spread: 0.5, seed: 9}}").data().get(0);
        assertEquals(new BlobsData("blobs", 90, 3, 4, 4.0, 0.5, 9), d);
        var defaults = parseWith("data", "{synthetic: {generator: blobs}}").data().get(0);
        assertEquals(new BlobsData("blobs", BlobsData.DEFAULT_SAMPLES, BlobsData.DEFAULT_FEATURES,
                BlobsData.DEFAULT_CLASSES, BlobsData.DEFAULT_SEPARATION, BlobsData.DEFAULT_SPREAD, 0), defaults);
    }

    @Test
    void csvLabelsMayBeSeveralColumns() {
        CsvData csv = (CsvData) parseWith("data", "{csv: iris.csv, name: flowers, features: [a, b], label: [p, q, r]}")
                .data().get(0);
        assertEquals("flowers", csv.name());
        assertEquals(List.of("p", "q", "r"), csv.label());
    }

    @Test
    void dataModelAndLossListsAreAxesThatMultiplyTheTrialCount() {
        SweepSpec spec = SpecText.valid()
                .with("data", "[{name: a, synthetic: {generator: linear}}, {name: b, synthetic: {generator: blobs}}]")
                .with("model", "[{type: linear}, {type: mlp, hidden: [3]}]")
                .with("loss", "[mse, xent]")
                .with("grid", "{alpha: [1, 10], learningRate: [0.1, 0.01, 0.001], optimizer: [sgd, adam], seed: [1, 2]}")
                .parse();
        assertEquals(List.of("a", "b"), spec.data().stream().map(d -> d.name()).toList());
        assertEquals(List.of("linear", "mlp-3-relu"), spec.models().stream().map(ModelSpec::name).toList());
        assertEquals(List.of(new Loss.Mse(), new Loss.Xent()), spec.losses());
        assertEquals(2L * 2 * 2 * 2 * (2 * 3) * 2, spec.trialCount());
    }

    @Test
    void trainingTakesABatchSizeAndDoublePrecision() {
        TrainingSpec t = parseWith("training", "{epochs: 7, batchSize: 32, dtype: double}").training();
        assertEquals(new TrainingSpec(7, 32, DataType.DOUBLE), t);
        assertEquals(false, t.fullBatch());
        assertEquals(Map.of("epochs", 7, "batchSize", 32, "dtype", "double"), t.toMap());
        assertEquals("full", parseWith("training", "{epochs: 7}").training().toMap().get("batchSize"));
    }

    @Test
    void convergenceRulesOverrideTheDefaultsOneByOne() {
        OutcomeRules r = parseWith("convergence", "{targetLoss: 0.01, tolerance: 0.05, explosionFactor: 100, "
                + "oscillationShare: 0.3, minRise: 0.01, plateauShare: 0.02}").convergence();
        assertEquals(new OutcomeRules(0.01, 0.05, 100, 0.3, 0.01, 0.02), r);
        OutcomeRules partial = parseWith("convergence", "{tolerance: 0.05}").convergence();
        assertEquals(new OutcomeRules(null, 0.05, OutcomeRules.DEFAULT_EXPLOSION_FACTOR,
                OutcomeRules.DEFAULT_OSCILLATION_SHARE, OutcomeRules.DEFAULT_MIN_RISE, OutcomeRules.DEFAULT_PLATEAU_SHARE),
                partial);
    }

    @Test
    void limitsAreRead() {
        assertEquals(new Limits(5, 0.25), parseWith("limits", "{maxTrials: 5, maxFailedShare: 0.25}").limits());
    }

    @Test
    void theTrialCapCountsTrialsExactly() {
        SweepSpec spec = SpecText.valid().with("limits", "{maxTrials: 6}")
                .with("grid", "{alpha: [1, 2, 3], learningRate: [0.1, 0.2], optimizer: [sgd]}").parse();
        assertEquals(6, spec.trialCount(), "a grid of exactly maxTrials trials is allowed");
    }

    @Test
    void theResolvedSpecFillsInDefaults() {
        Map<String, Object> m = SpecText.valid().parse().toMap();
        assertEquals("t", m.get("name"));
        assertEquals("mse", m.get("loss"));
        assertEquals(Map.of("name", "linear", "type", "linear", "weightInit", "zero"), m.get("model"));
        @SuppressWarnings("unchecked")
        Map<String, Object> grid = (Map<String, Object>) m.get("grid");
        assertEquals(List.of(1.0), grid.get("alpha"));
        assertEquals(List.of(0L), grid.get("seed"));
        assertEquals(List.of(Map.of("name", "sgd")), grid.get("optimizer"));
    }
}
