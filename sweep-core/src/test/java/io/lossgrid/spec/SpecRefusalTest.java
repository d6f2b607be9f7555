package io.lossgrid.spec;

import io.lossgrid.base.SpecException;
import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One test per rule a spec can break, each asserting the whole one-line message: the path of the field,
 * the rule, the value found and, where one is offered, the hint.
 */
class SpecRefusalTest {
    private static final String ALL_OPTIMIZERS =
            "sgd, nesterovs, adam, adamax, nadam, amsgrad, adabelief, adagrad, adadelta, rmsprop";

    private static SpecException refusedText(String yaml) {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.parse(yaml, Path.of(".")));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "one line: " + e.getMessage());
        return e;
    }

    @Nested
    class Yaml {
        @Test
        void malformedYamlIsRefusedNamingLineAndColumn() {
            // Line 3 opens a flow sequence "[1, 2" that a "}" at column 20 (1-based) cannot close.
            String text = "name: t\nloss: mse\ngrid: {alpha: [1, 2}\n";
            SpecException e = refusedText(text);
            assertTrue(e.getMessage().startsWith("spec must be well-formed YAML, found "), e.getMessage());
            assertTrue(e.getMessage().endsWith(" at line 3, column 20"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals("spec", e.path());
        }

        @Test
        void aTabIndentIsRefusedNamingItsLine() {
            SpecException e = refusedText("name: t\ngrid:\n\talpha: [1]\n");
            assertTrue(e.getMessage().startsWith("spec must be well-formed YAML, found "), e.getMessage());
            assertTrue(e.getMessage().contains(" at line 3, column 1"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }

        @Test
        void duplicateKeysAreRefusedNamingTheKeyAndTheSecondOccurrence() {
            String text = SpecText.valid().text() + "name: u\n";
            SpecException e = refusedText(text);
            assertTrue(e.getMessage().startsWith("spec must be well-formed YAML, found "), e.getMessage());
            assertTrue(e.getMessage().contains("duplicate key name"), e.getMessage());
            assertTrue(e.getMessage().endsWith(" at line 7, column 1"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }

        @Test
        void duplicateKeysInsideAFlowMapAreRefusedToo() {
            SpecException e = refusedText(SpecText.valid()
                    .with("grid", "{alpha: [1], alpha: [2], learningRate: [0.1], optimizer: [sgd]}").text());
            assertTrue(e.getMessage().contains("duplicate key alpha"), e.getMessage());
        }

        @Test
        void javaClassTagsAreRefused() {
            SpecException e = refusedText(SpecText.valid().with("name", "!!java.io.File x").text());
            assertTrue(e.getMessage().startsWith("spec must be well-formed YAML, found "), e.getMessage());
            assertTrue(e.getMessage().contains("java.io.File"), e.getMessage());
            assertTrue(e.getMessage().contains(" at line 1, column "), e.getMessage());
        }

        @Test
        void tooManyAliasesAreRefused() {
            StringBuilder sb = new StringBuilder("a: &x [1]\nb: [");
            for (int i = 0; i < 60; i++) {
                sb.append(i == 0 ? "" : ", ").append("*x");
            }
            sb.append("]\n");
            SpecException e = refusedText(sb.toString());
            assertTrue(e.getMessage().startsWith("spec must be well-formed YAML, found "), e.getMessage());
            assertTrue(e.getMessage().contains("50"), "names the limit: " + e.getMessage());
        }

        @Test
        void anEmptyDocumentIsRefused() {
            assertRefused("spec must be a YAML map with name, data, model, loss, training and grid, found an empty document",
                    () -> SpecLoader.parse("# nothing but a comment\n", Path.of(".")));
        }

        @Test
        void aDocumentThatIsNotAMapIsRefused() {
            assertRefused("spec must be a YAML map with name, data, model, loss, training and grid, found a list",
                    () -> SpecLoader.parse("- name\n- grid\n", Path.of(".")));
            assertRefused("spec must be a YAML map with name, data, model, loss, training and grid, found \"hello\"",
                    () -> SpecLoader.parse("hello", Path.of(".")));
        }

        @Test
        void aMissingSpecFileIsRefusedNamingIt(@TempDir Path dir) {
            Path missing = dir.resolve("missing.yaml");
            assertRefused("spec must be a readable YAML file, found \"" + missing + "\" (NoSuchFileException: " + missing + ")",
                    () -> SpecLoader.load(missing));
        }
    }

    @Nested
    class TopLevel {
        @ParameterizedTest
        @ValueSource(strings = {"name", "data", "model", "loss", "training", "grid"})
        void eachRequiredSectionIsRequired(String section) {
            SpecText spec = SpecText.valid().without(section);
            assertRefused(section + " is required, found nothing", spec::parse);
        }

        @Test
        void aMisspeltSectionIsRefusedWithDidYouMean() {
            SpecText spec = SpecText.valid().with("trainig", "{epochs: 3}");
            assertRefused("trainig is not a known field (known: convergence, data, grid, limits, loss, model, name, "
                    + "output, search, training), found unknown key \"trainig\"; did you mean \"training\"?", spec::parse);
        }

        @Test
        void aNameWithASpaceIsRefused() {
            assertRefused("name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, found \"my sweep\"", "name",
                    "my sweep");
        }

        @Test
        void aNameThatWouldEscapeTheOutputDirectoryIsRefused() {
            assertRefused("name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, found \"..\"",
                    "name", "'..'");
        }

        @Test
        void aNameOfMoreThanAHundredCharactersIsRefused() {
            String longName = "n".repeat(101);
            assertRefused("name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, found \"" + longName
                    + "\"", "name",
                    longName);
        }

        @Test
        void aNameThatIsNotAStringIsRefused() {
            assertRefused("name must be a non-empty string, found 42", "name", "42");
            assertRefused("name must be a non-empty string, found \"  \"", "name", "'  '");
        }
    }

    @Nested
    class Grid {
        @Test
        void aMisspeltLearningRateIsRefusedWithDidYouMean() {
            assertRefused("grid.learnignRate is not a known field (known: alpha, cells, learningRate, optimizer, seed), "
                            + "found unknown key \"learnignRate\"; did you mean \"learningRate\"?",
                    "grid", "{alpha: [1], learnignRate: [0.01], optimizer: [sgd]}");
        }

        @Test
        void anUnknownKeyFarFromEveryFieldGetsNoSuggestion() {
            assertRefused("grid.colour is not a known field (known: alpha, cells, learningRate, optimizer, seed), "
                    + "found unknown key \"colour\"", "grid", "{learningRate: [0.01], optimizer: [sgd], colour: red}");
        }

        @Test
        void aSeedRangeThatRunsDownwardsIsRefused() {
            assertRefused("grid.seed.range must run upwards over at most 1000000 seeds, found [9, 2]",
                    "grid", "{learningRate: [0.01], optimizer: [sgd], seed: {range: [9, 2]}}");
        }

        @Test
        void aSeedMapWithoutARangeIsRefused() {
            assertRefused("grid.seed.from is not a known field (known: range), found unknown key \"from\"",
                    "grid", "{learningRate: [0.01], optimizer: [sgd], seed: {from: 1}}");
        }

        @Test
        void learningRateOfZeroIsRefusedNamingItsIndex() {
            assertRefused("grid.learningRate[1] must be > 0 and finite, found 0",
                    "grid", "{learningRate: [0.01, 0], optimizer: [sgd]}");
        }

        @Test
        void aNegativeLearningRateIsRefusedNamingItsIndex() {
            assertRefused("grid.learningRate[2] must be > 0 and finite, found -0.1",
                    "grid", "{alpha: [1], learningRate: [0.001, 0.01, -0.1], optimizer: [sgd]}");
        }

        @Test
        void alphaOfZeroIsRefused() {
            assertRefused("grid.alpha[0] must be > 0 and finite, found 0",
                    "grid", "{alpha: [0, 1], learningRate: [0.01], optimizer: [sgd]}");
        }

        @Test
        void anInfiniteOrNanAlphaIsRefused() {
            assertRefused("grid.alpha[1] must be > 0 and finite, found Infinity",
                    "grid", "{alpha: [1, .inf], learningRate: [0.01], optimizer: [sgd]}");
            assertRefused("grid.alpha[0] must be > 0 and finite, found NaN",
                    "grid", "{alpha: [.nan], learningRate: [0.01], optimizer: [sgd]}");
        }

        @Test
        void aRangeReachingZeroIsRefusedNamingThePoint() {
            assertRefused("grid.learningRate must be > 0 and finite, found 0 (point 0 of the range)",
                    "grid", "{learningRate: {linear: [0, 0.1], steps: 3}, optimizer: [sgd]}");
        }

        @Test
        void aStringWhereANumberBelongsIsRefused() {
            assertRefused("grid.alpha[1] must be a number, found \"ten\"",
                    "grid", "{alpha: [1, ten], learningRate: [0.01], optimizer: [sgd]}");
        }

        @Test
        void anEmptyAxisIsRefused() {
            assertRefused("grid.alpha must not be empty, found a list",
                    "grid", "{alpha: [], learningRate: [0.01], optimizer: [sgd]}");
            assertRefused("grid.optimizer must not be empty, found a list",
                    "grid", "{learningRate: [0.01], optimizer: []}");
            assertRefused("grid.seed must not be empty, found a list",
                    "grid", "{learningRate: [0.01], optimizer: [sgd], seed: []}");
        }

        @Test
        void aRepeatedAlphaIsRefusedNamingBothPlaces() {
            assertRefused("grid.alpha[2] must differ from the value at [0] of the same list (each value once), found 1",
                    "grid", "{alpha: [1, 10, 1.0], learningRate: [0.01], optimizer: [sgd]}");
        }

        @Test
        void aRepeatedLearningRateIsRefused() {
            assertRefused("grid.learningRate[1] must differ from the value at [0] of the same list (each value once), found 0.01",
                    "grid", "{learningRate: [0.01, 1e-2], optimizer: [sgd]}");
        }

        @Test
        void aRangeWithEqualBoundsAndSeveralStepsRepeatsItsValue() {
            assertRefused("grid.alpha[1] must differ from the value at [0] of the same list (each value once), found 2",
                    "grid", "{alpha: {linear: [2, 2], steps: 3}, learningRate: [0.01], optimizer: [sgd]}");
        }

        @Test
        void aRepeatedSeedIsRefused() {
            assertRefused("grid.seed[2] must differ from the value at [0] of the same list (each value once), found 1",
                    "grid", "{learningRate: [0.01], optimizer: [sgd], seed: [1, 2, 1]}");
        }

        @Test
        void theSameOptimizerTwiceIsRefusedEvenWhenWrittenDifferently() {
            assertRefused("grid.optimizer[1] must differ from the value at [0] of the same list (each value once), "
                            + "found adam(beta1=0.9, beta2=0.999, epsilon=1.0E-8)",
                    "grid", "{learningRate: [0.01], optimizer: [adam, {name: adam, beta1: 0.9}]}");
        }

        @Test
        void aSeedThatIsNotAnIntegerIsRefused() {
            assertRefused("grid.seed[0] must be an integer, found 1.5",
                    "grid", "{learningRate: [0.01], optimizer: [sgd], seed: [1.5]}");
            assertRefused("grid.seed[0] must be an integer within 64 bits, found 99999999999999999999",
                    "grid", "{learningRate: [0.01], optimizer: [sgd], seed: [99999999999999999999]}");
        }

        @Test
        void theLearningRateIsRequired() {
            assertRefused("grid.learningRate is required (a list such as [0.001, 0.01] or a range), or cells instead, "
                    + "or named in search, found nothing", "grid", "{alpha: [1], optimizer: [sgd]}");
        }

        @Test
        void aGridBuiltInCodeNeedsAnOptimizerAndASeed() {
            Axis one = new Axis.Listed(java.util.List.of(1.0));
            assertRefused("optimizer must not be empty, found a list",
                    () -> new GridSpec(one, one, null, java.util.List.of(), java.util.List.of(0L)));
            assertRefused("seed must not be empty, found a list",
                    () -> new GridSpec(one, one, null, java.util.List.of(new Optimizer.Sgd()), java.util.List.of()));
        }

        @Test
        void theOptimizerIsRequired() {
            assertRefused("grid.optimizer is required (a list such as [sgd, adam]), found nothing",
                    "grid", "{alpha: [1], learningRate: [0.1]}");
        }
    }

    @Nested
    class Cells {
        @Test
        void cellsBesideAlphaAreRefused() {
            assertRefused("grid.alpha must not be given beside cells (cells list the (alpha, learningRate) pairs), "
                            + "found a list",
                    "grid", "{cells: [{alpha: 1, learningRate: 0.1}], alpha: [1], optimizer: [sgd]}");
        }

        @Test
        void cellsBesideLearningRateAreRefused() {
            assertRefused("grid.learningRate must not be given beside cells (cells list the (alpha, learningRate) pairs), "
                            + "found 0.1",
                    "grid", "{cells: [{alpha: 1, learningRate: 0.1}], learningRate: 0.1, optimizer: [sgd]}");
        }

        @Test
        void eachCellNeedsBothValues() {
            assertRefused("grid.cells[1].learningRate is required in each cell, found nothing",
                    "grid", "{cells: [{alpha: 1, learningRate: 0.1}, {alpha: 2}], optimizer: [sgd]}");
            assertRefused("grid.cells[0].alpha is required in each cell, found nothing",
                    "grid", "{cells: [{learningRate: 0.1}], optimizer: [sgd]}");
        }

        @Test
        void aCellWithAlphaZeroIsRefused() {
            assertRefused("grid.cells[1].alpha must be > 0 and finite, found 0",
                    "grid", "{cells: [{alpha: 1, learningRate: 0.1}, {alpha: 0, learningRate: 0.1}], optimizer: [sgd]}");
        }

        @Test
        void aCellWithANegativeLearningRateIsRefused() {
            assertRefused("grid.cells[0].learningRate must be > 0 and finite, found -1",
                    "grid", "{cells: [{alpha: 1, learningRate: -1}], optimizer: [sgd]}");
        }

        @Test
        void aRepeatedCellIsRefused() {
            assertRefused("grid.cells[1] must differ from the value at [0] of the same list (each value once), found {alpha: 10, learningRate: 0.001}",
                    "grid", "{cells: [{alpha: 10, learningRate: 0.001}, {alpha: 10.0, learningRate: 1e-3}], "
                            + "optimizer: [sgd]}");
        }

        @Test
        void anUnknownKeyInACellIsRefused() {
            assertRefused("grid.cells[0].lr is not a known field (known: alpha, learningRate), found unknown key \"lr\"",
                    "grid", "{cells: [{alpha: 1, lr: 0.1}], optimizer: [sgd]}");
        }

        @Test
        void cellsMustBeAList() {
            assertRefused("grid.cells must be a list, found a map",
                    "grid", "{cells: {alpha: 1, learningRate: 0.1}, optimizer: [sgd]}");
        }
    }

    @Nested
    class Ranges {
        private void refusedRange(String message, String range) {
            assertRefused(message, "grid", "{learningRate: " + range + ", optimizer: [sgd]}");
        }

        @Test
        void aLogRangeFromZeroIsRefused() {
            refusedRange("grid.learningRate.log[0] must be > 0 and finite (a log range cannot reach 0), found 0",
                    "{log: [0, 0.1], steps: 3}");
        }

        @Test
        void aLogRangeToANegativeBoundIsRefused() {
            refusedRange("grid.learningRate.log[1] must be > 0 and finite (a log range cannot reach 0), found -1",
                    "{log: [0.001, -1], steps: 3}");
        }

        @Test
        void aLinearRangeToInfinityIsRefused() {
            refusedRange("grid.learningRate.linear[1] must be finite, found Infinity", "{linear: [0.1, .inf], steps: 3}");
            refusedRange("grid.learningRate.linear[0] must be finite, found -Infinity", "{linear: [-.inf, 1], steps: 3}");
        }

        @Test
        void zeroStepsAreRefused() {
            refusedRange("grid.learningRate.steps must be >= 1, found 0", "{log: [0.001, 0.1], steps: 0}");
        }

        @Test
        void oneStepBetweenDifferentBoundsIsRefused() {
            refusedRange("grid.learningRate.steps must be >= 2 when the range's bounds differ, found 1",
                    "{linear: [0.1, 0.2], steps: 1}");
        }

        @Test
        void stepsThatAreNotAnIntegerAreRefused() {
            refusedRange("grid.learningRate.steps must be an integer, found 2.5", "{log: [0.001, 0.1], steps: 2.5}");
        }

        @Test
        void stepsAreRequired() {
            refusedRange("grid.learningRate.steps is required for a range, found nothing", "{log: [0.001, 0.1]}");
        }

        @Test
        void aRangeNeedsTwoBounds() {
            refusedRange("grid.learningRate.log must be two bounds [from, to], found a list", "{log: [0.001], steps: 2}");
            refusedRange("grid.learningRate.log must be a list, found 0.1", "{log: 0.1, steps: 2}");
        }

        @Test
        void aMapThatIsNoRangeIsRefused() {
            refusedRange("grid.learningRate must be a list of numbers or a range {log: [a, b], steps: n} or "
                    + "{linear: [a, b], steps: n}, found a map", "{from: 0.1, to: 1}");
        }

        @Test
        void aRangeThatIsBothLogAndLinearIsRefused() {
            refusedRange("grid.learningRate.linear is not a known field (known: log, steps), found unknown key \"linear\"",
                    "{log: [0.01, 0.1], linear: [0.01, 0.1], steps: 2}");
        }
    }

    @Nested
    class Optimizers {
        @Test
        void anUnknownOptimizerIsRefusedWithASuggestion() {
            assertRefused("grid.optimizer[1] must be one of " + ALL_OPTIMIZERS + ", found \"adamw\"; did you mean \"adam\"?",
                    "grid", "{learningRate: [0.01], optimizer: [sgd, adamw]}");
        }

        @Test
        void anUnknownOptimizerNameInAMapIsRefusedAtItsNameField() {
            assertRefused("grid.optimizer[0].name must be one of " + ALL_OPTIMIZERS + ", found \"rmsprob\"; "
                    + "did you mean \"rmsprop\"?", "grid", "{learningRate: [0.01], optimizer: [{name: rmsprob}]}");
        }

        @Test
        void anUnknownOptimizerIsRefusedByTheRegistryToo() {
            assertRefused("optimizer must be one of " + ALL_OPTIMIZERS + ", found \"nesterov\"; did you mean \"nesterovs\"?",
                    () -> io.lossgrid.spec.Optimizers.byName("nesterov"));
        }

        @Test
        void anOptimizerMapWithoutANameIsRefused() {
            assertRefused("grid.optimizer[0] must name its optimizer with a \"name\" field, found a map",
                    "grid", "{learningRate: [0.01], optimizer: [{momentum: 0.9}]}");
        }

        @Test
        void aHyperparameterTheOptimizerDoesNotHaveIsRefused() {
            assertRefused("grid.optimizer[0].momentum is not a known field (known: name), found unknown key \"momentum\"",
                    "grid", "{learningRate: [0.01], optimizer: [{name: sgd, momentum: 0.9}]}");
        }

        @Test
        void aMisspeltHyperparameterIsRefusedWithASuggestion() {
            // "beta" is one edit from beta1 and from beta2; the sorted candidates make the suggestion stable.
            assertRefused("grid.optimizer[0].beta is not a known field (known: beta1, beta2, epsilon, name), "
                            + "found unknown key \"beta\"; did you mean \"beta1\"?",
                    "grid", "{learningRate: [0.01], optimizer: [{name: adam, beta: 0.8}]}");
        }

        @ParameterizedTest(name = "{0} {1}: {2}")
        @CsvSource(delimiter = '|', value = {
                "nesterovs | momentum | 1    | must be in [0, 1) | 1",
                "nesterovs | momentum | -0.1 | must be in [0, 1) | -0.1",
                "adam      | beta1    | 1.5  | must be in [0, 1) | 1.5",
                "adamax    | beta2    | 1    | must be in [0, 1) | 1",
                "nadam     | epsilon  | 0    | must be > 0 and finite | 0",
                "amsgrad   | epsilon  | -1e-8| must be > 0 and finite | -1.0E-8",
                "adam      | epsilon  | .inf | must be > 0 and finite | Infinity",
                "adadelta  | epsilon  | .inf | must be > 0 and finite | Infinity",
                "adabelief | beta1    | .nan | must be in [0, 1) | NaN",
                "adagrad   | epsilon  | 0    | must be > 0 and finite | 0",
                "adadelta  | rho      | 1    | must be in (0, 1) | 1",
                "adadelta  | rho      | 0    | must be in (0, 1) | 0",
                "rmsprop   | rmsDecay | 1    | must be in [0, 1) | 1",
        })
        void aHyperparameterOutOfRangeIsRefusedNamingItsRule(String optimizer, String key, String value, String rule,
                                                             String found) {
            assertRefused("grid.optimizer[0]." + key + " " + rule + ", found " + found,
                    "grid", "{learningRate: [0.01], optimizer: [{name: " + optimizer + ", " + key + ": " + value + "}]}");
        }

        @Test
        void aHyperparameterThatIsNotANumberIsRefused() {
            assertRefused("grid.optimizer[0].beta1 must be a number, found \"high\"",
                    "grid", "{learningRate: [0.01], optimizer: [{name: adam, beta1: high}]}");
        }

        @Test
        void anOptimizerThatIsNeitherNameNorMapIsRefused() {
            assertRefused("grid.optimizer[0] must be a non-empty string, found 3",
                    "grid", "{learningRate: [0.01], optimizer: [3]}");
        }
    }

    @Nested
    class Model {
        @Test
        void anUnknownModelTypeIsRefusedWithASuggestion() {
            assertRefused("model.type must be one of linear, mlp, cnn, found \"lineer\"; did you mean \"linear\"?",
                    "model", "{type: lineer}");
        }

        @Test
        void aModelWithoutATypeIsRefused() {
            assertRefused("model.type is required (linear, mlp or cnn), found nothing", "model", "{weightInit: zero}");
        }

        @Test
        void aModelThatIsNotAMapIsRefused() {
            assertRefused("model must be a map with a type (linear, mlp or cnn), found \"linear\"", "model", "linear");
        }

        @Test
        void hiddenLayersOnALinearModelAreRefused() {
            assertRefused("model.hidden is not a known field (known: name, type, weightInit), found unknown key \"hidden\"",
                    "model", "{type: linear, hidden: [3]}");
        }

        @Test
        void anMlpWithoutHiddenLayersIsRefused() {
            assertRefused("model.hidden is required for an mlp (widths such as [32, 32]), found nothing",
                    "model", "{type: mlp}");
        }

        @Test
        void aHiddenWidthOfZeroIsRefused() {
            assertRefused("model.hidden[1] must be between 1 and 1000000, found 0", "model", "{type: mlp, hidden: [4, 0]}");
        }

        @Test
        void anUnknownActivationIsRefusedWithASuggestion() {
            assertRefused("model.activation must be a DL4J activation such as relu, tanh, sigmoid, leakyrelu, elu, "
                    + "identity, found \"tanhh\"; did you mean \"tanh\"?", "model", "{type: mlp, hidden: [4], activation: tanhh}");
        }

        @Test
        void anUnknownWeightInitIsRefusedWithASuggestion() {
            assertRefused("model.weightInit must be a DL4J WeightInit name such as zero, xavier, relu, lecun_normal, ones, "
                    + "found \"zeros\"; did you mean \"zero\"?", "model", "{type: linear, weightInit: zeros}");
        }

        @Test
        void distributionWeightInitIsRefused() {
            assertRefused("model.weightInit must not be distribution (it needs a distribution that a spec cannot give), "
                    + "found \"distribution\"", "model", "{type: linear, weightInit: distribution}");
        }

        @Test
        void twoModelsWithTheSameNameAreRefused() {
            assertRefused("model[1].name must differ from model[0].name (give each a distinct name), found \"linear\"",
                    "model", "[{type: linear}, {type: linear, weightInit: ones}]");
        }
    }

    @Nested
    class Loss {
        @Test
        void anUnknownLossIsRefusedWithASuggestion() {
            assertRefused("loss must be one of mse, mae, xent, bce, focal, found \"msee\"; did you mean \"mse\"?", "loss", "msee");
        }

        @Test
        void anUnknownLossInAListIsRefusedAtItsIndex() {
            assertRefused("loss[1] must be one of mse, mae, xent, bce, focal, found \"hinge\"", "loss", "[mse, hinge]");
        }

        @Test
        void theSameLossTwiceIsRefused() {
            assertRefused("loss[1] must differ from loss[0] (give each a distinct name), found \"mse\"", "loss", "[mse, mse]");
        }
    }

    @Nested
    class Training {
        @Test
        void zeroEpochsAreRefused() {
            assertRefused("training.epochs must be between 1 and 1000000, found 0", "training", "{epochs: 0}");
        }

        @Test
        void tooManyEpochsAreRefused() {
            assertRefused("training.epochs must be between 1 and 1000000, found 1000001", "training", "{epochs: 1000001}");
        }

        @Test
        void epochsBeyond32BitsAreRefused() {
            assertRefused("training.epochs must be an integer within 32 bits, found 3000000000",
                    "training", "{epochs: 3000000000}");
        }

        @Test
        void epochsAsWordsAreRefused() {
            assertRefused("training.epochs must be an integer, found \"ten\"", "training", "{epochs: ten}");
        }

        @Test
        void epochsAreRequired() {
            assertRefused("training.epochs is required, found nothing", "training", "{batchSize: 8}");
        }

        @Test
        void aBatchSizeOfZeroIsRefused() {
            assertRefused("training.batchSize must be >= 1 or \"full\", found 0", "training", "{epochs: 5, batchSize: 0}");
        }

        @Test
        void aBatchSizeThatIsAWordOtherThanFullIsRefused() {
            assertRefused("training.batchSize must be a positive integer or \"full\", found \"all\"",
                    "training", "{epochs: 5, batchSize: all}");
        }

        @Test
        void aFractionalBatchSizeIsRefused() {
            assertRefused("training.batchSize must be an integer, found 2.5", "training", "{epochs: 5, batchSize: 2.5}");
        }

        @Test
        void aDtypeOtherThanFloatOrDoubleIsRefused() {
            assertRefused("training.dtype must be float or double, found \"half\"", "training", "{epochs: 5, dtype: half}");
        }

        @Test
        void aHalfPrecisionTrainingSpecCannotBeBuiltInCodeEither() {
            assertRefused("dtype must be float or double, found \"half\"", () -> new TrainingSpec(5, 0, DataType.HALF));
            assertRefused("batchSize must be >= 1 or \"full\", found -1", () -> new TrainingSpec(5, -1, DataType.FLOAT));
        }

        @Test
        void aMisspeltTrainingKeyIsRefusedWithASuggestion() {
            assertRefused("training.epoch is not a known field (known: batchSize, distributed, dtype, epochs, trace), found unknown key "
                    + "\"epoch\"; did you mean \"epochs\"?", "training", "{epoch: 5}");
        }

        @Test
        void trainingMustBeAMap() {
            assertRefused("training must be a map, found 100", "training", "100");
        }
    }

    @Nested
    class Data {
        @Test
        void dataThatIsNotAMapIsRefused() {
            assertRefused("data must be a map with one of csv, parquet, spark, table, images, synthetic, found \"linear.csv\"",
                    "data", "linear.csv");
        }

        @Test
        void dataWithNeitherCsvNorSyntheticIsRefused() {
            assertRefused("data must have exactly one of csv (a file), parquet (a file or directory), spark (a DataFrameReader "
                    + "read), table (a catalog table), images (a folder) or synthetic (a generator), found none of them",
                    "data", "{features: [x], label: y}");
        }

        @Test
        void dataWithBothCsvAndSyntheticIsRefused() {
            assertRefused("data must have exactly one of csv (a file), parquet (a file or directory), spark (a DataFrameReader "
                    + "read), table (a catalog table), images (a folder) or synthetic (a generator), found csv and synthetic",
                    "data", "{csv: a.csv, synthetic: {generator: linear}}");
        }

        @Test
        void csvDataWithoutFeaturesIsRefused() {
            assertRefused("data.features is required (the feature columns, such as [x]), found nothing",
                    "data", "{csv: a.csv, label: y}");
        }

        @Test
        void csvDataWithoutALabelIsRefused() {
            assertRefused("data.label is required (the label column, or the one-hot columns), found nothing",
                    "data", "{csv: a.csv, features: [x]}");
        }

        @Test
        void aLabelThatIsAlsoAFeatureIsRefused() {
            assertRefused("data.label must not also be a feature, found \"y\"", "data", "{csv: a.csv, features: [x, y], label: y}");
        }

        @Test
        void anEmptyFeatureListIsRefused() {
            assertRefused("data.features must not be empty, found a list", "data", "{csv: a.csv, features: [], label: y}");
            assertRefused("features must name at least one column, found a list",
                    () -> new io.lossgrid.data.CsvData(null, "a.csv", java.util.List.of(), java.util.List.of("y")));
        }

        @Test
        void aMisspeltCsvKeyIsRefusedWithASuggestion() {
            assertRefused("data.labels is not a known field (known: csv, features, label, name, validation), found unknown key "
                    + "\"labels\"; did you mean \"label\"?", "data", "{csv: a.csv, features: [x], labels: y}");
        }

        @Test
        void syntheticDataThatIsNotAMapIsRefused() {
            assertRefused("data.synthetic must be a map such as {generator: linear, samples: 256}, found \"linear\"",
                    "data", "{synthetic: linear}");
        }

        @Test
        void anUnknownGeneratorIsRefusedWithASuggestion() {
            assertRefused("data.synthetic.generator must be one of linear, blobs, shapes, found \"blob\"; did you mean \"blobs\"?",
                    "data", "{synthetic: {generator: blob}}");
        }

        @Test
        void aGeneratorIsRequired() {
            assertRefused("data.synthetic.generator must be one of linear, blobs, shapes, found nothing",
                    "data", "{synthetic: {samples: 10}}");
        }

        @Test
        void aSettingOfTheOtherGeneratorIsRefused() {
            assertRefused("data.synthetic.classes is not a known field (known: features, generator, intercept, noise, "
                            + "samples, seed, slope), found unknown key \"classes\"",
                    "data", "{synthetic: {generator: linear, classes: 3}}");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "samples: 0            | samples must be between 1 and 50000000, found 0",
                "features: 0           | features must be between 1 and 100000, found 0",
                "features: 2, slope: [1, 2, 3] | slope must be one number or one per feature (2), found a list",
                "slope: .nan           | slope must be finite, found NaN",
                "intercept: .inf       | intercept must be finite, found Infinity",
                "noise: -1             | noise must be >= 0 and finite, found -1",
        })
        void linearGeneratorSettingsOutOfRangeAreRefused(String setting, String message) {
            assertRefused("data.synthetic." + message, "data", "{synthetic: {generator: linear, " + setting + "}}");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "samples: 1            | samples must be between 2 and 50000000, found 1",
                "features: 0           | features must be between 1 and 100000, found 0",
                "classes: 1            | classes must be between 2 and samples (300), found 1",
                "samples: 4, classes: 5 | classes must be between 2 and samples (4), found 5",
                "separation: 0         | separation must be > 0 and finite, found 0",
                "spread: -0.5          | spread must be > 0 and finite, found -0.5",
        })
        void blobsGeneratorSettingsOutOfRangeAreRefused(String setting, String message) {
            assertRefused("data.synthetic." + message, "data", "{synthetic: {generator: blobs, " + setting + "}}");
        }

        @Test
        void twoDataSetsWithTheSameNameAreRefused() {
            assertRefused("data[1].name must differ from data[0].name (give each a distinct name), found \"linear\"",
                    "data", "[{synthetic: {generator: linear}}, {synthetic: {generator: linear, seed: 2}}]");
        }
    }

    @Nested
    class Convergence {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "targetLoss: -1       | targetLoss must be >= 0 and finite, found -1",
                "targetLoss: .inf     | targetLoss must be >= 0 and finite, found Infinity",
                "tolerance: 0         | tolerance must be in (0, 1), found 0",
                "tolerance: 1         | tolerance must be in (0, 1), found 1",
                "explosionFactor: 1   | explosionFactor must be > 1 and finite, found 1",
                "explosionFactor: .inf | explosionFactor must be > 1 and finite, found Infinity",
                "oscillationShare: 0  | oscillationShare must be in (0, 1], found 0",
                "oscillationShare: 1.5 | oscillationShare must be in (0, 1], found 1.5",
                "minRise: -0.1        | minRise must be >= 0 and finite, found -0.1",
                "plateauShare: 1      | plateauShare must be in (0, 1), found 1",
                "plateauShare: .nan   | plateauShare must be in (0, 1), found NaN",
        })
        void aConvergenceRuleOutOfRangeIsRefused(String setting, String message) {
            assertRefused("convergence." + message, "convergence", "{" + setting + "}");
        }

        @Test
        void anUnknownConvergenceKeyIsRefused() {
            assertRefused("convergence.target is not a known field (known: explosionFactor, minRise, oscillationShare, "
                    + "plateauShare, targetLoss, tolerance), found unknown key \"target\"", "convergence", "{target: 0.1}");
        }
    }

    @Nested
    class Limits {
        @Test
        void aGridLargerThanTheTrialCapIsRefusedWithItsArithmetic() {
            SpecText spec = SpecText.valid().with("limits", "{maxTrials: 10}")
                    .with("grid", "{alpha: [1, 2, 3], learningRate: [0.1, 0.2], optimizer: [sgd, adam]}");
            assertRefused("grid must expand to at most limits.maxTrials = 10 trials, found 12 trials (1 data x 1 models x "
                    + "1 losses x 2 optimizers x 6 (alpha, lr) cells x 1 seeds)", spec::parse);
        }

        @Test
        void theDefaultCapIsAMillionTrials() {
            SpecText spec = SpecText.valid().with("grid", "{alpha: {log: [1, 1000], steps: 1001}, "
                    + "learningRate: {log: [0.001, 1], steps: 1000}, optimizer: [sgd]}");
            assertRefused("grid must expand to at most limits.maxTrials = 1000000 trials, found 1001000 trials (1 data x "
                    + "1 models x 1 losses x 1 optimizers x 1001000 (alpha, lr) cells x 1 seeds)", spec::parse);
        }

        @Test
        void aTrialCapBelowOneIsRefused() {
            assertRefused("limits.maxTrials must be >= 1, found 0", "limits", "{maxTrials: 0}");
        }

        @Test
        void aFailedShareOutsideZeroToOneIsRefused() {
            assertRefused("limits.maxFailedShare must be in (0, 1], found 0", "limits", "{maxFailedShare: 0}");
            assertRefused("limits.maxFailedShare must be in (0, 1], found 1.5", "limits", "{maxFailedShare: 1.5}");
        }

        @Test
        void anUnknownLimitIsRefusedWithASuggestion() {
            assertRefused("limits.maxTrial is not a known field (known: maxDataBytes, maxFailedShare, maxTrials), found unknown key "
                    + "\"maxTrial\"; did you mean \"maxTrials\"?", "limits", "{maxTrial: 3}");
        }
    }
}
