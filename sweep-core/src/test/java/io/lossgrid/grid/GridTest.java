package io.lossgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.loss.Loss;
import io.lossgrid.spec.SpecText;
import io.lossgrid.spec.SweepSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Expanding a spec into trials: count, order, indexes and content-addressed ids. */
class GridTest {
    private static final Pattern ID = Pattern.compile("([a-z]+)-[0-9a-f]{12}");

    /** 2 data x 2 models x 2 losses x 2 optimizers x 3 alphas x 2 learning rates x 2 seeds = 192 trials. */
    private static SpecText big() {
        return SpecText.valid()
                .with("data", "[{name: a, synthetic: {generator: linear}}, {name: b, synthetic: {generator: blobs}}]")
                .with("model", "[{type: linear}, {type: mlp, hidden: [3]}]")
                .with("loss", "[mse, xent]")
                .with("grid", "{alpha: [0.1, 1, 10], learningRate: [0.01, 0.001], optimizer: [sgd, adam], seed: [7, 3]}");
    }

    /** The parts of a trial that make it a distinct experiment. */
    private static String content(Trial t) {
        return t.data() + "/" + t.model().name() + "/" + t.loss() + "/" + t.optimizer().describe() + "/" + t.alpha() + "/"
                + t.learningRate() + "/" + t.seed();
    }

    private static Map<String, String> idsByContent(List<Trial> trials) {
        Map<String, String> out = new HashMap<>();
        trials.forEach(t -> out.put(content(t), t.id()));
        return out;
    }

    @Test
    void theTrialCountIsTheProductOfTheAxes() {
        SweepSpec spec = big().parse();
        assertEquals(192, spec.trialCount());
        assertEquals(192, AllTrials.of(spec).size());
    }

    @Test
    void trialsRunDataModelLossOptimizerAlphaLearningRateSeedOutermostFirst() {
        List<String> expected = new ArrayList<>();
        for (String data : List.of("a", "b")) {
            for (String model : List.of("linear", "mlp-3-relu")) {
                for (Loss loss : List.of(new Loss.Mse(), new Loss.Xent())) {
                    for (String opt : List.of("sgd", "adam")) {
                        for (double alpha : List.of(0.1, 1.0, 10.0)) {
                            for (double lr : List.of(0.01, 0.001)) {
                                for (long seed : List.of(7L, 3L)) {
                                    expected.add(data + "/" + model + "/" + loss.name() + "/" + opt + "/" + alpha + "/" + lr + "/"
                                            + seed);
                                }
                            }
                        }
                    }
                }
            }
        }
        List<String> actual = AllTrials.of(big().parse()).stream().map(t -> t.data() + "/" + t.model().name() + "/"
                + t.loss().name() + "/" + t.optimizer().name() + "/" + t.alpha() + "/" + t.learningRate() + "/" + t.seed()).toList();
        assertEquals(expected, actual);
    }

    @Test
    void indexesRunFromZeroToCountMinusOne() {
        List<Trial> trials = AllTrials.of(big().parse());
        for (int i = 0; i < trials.size(); i++) {
            assertEquals(i, trials.get(i).index());
        }
    }

    @Test
    void explicitCellsExpandInTheOrderListedInsideEachOptimizer() {
        SweepSpec spec = SpecText.valid().with("grid", "{cells: [{alpha: 10, learningRate: 0.001}, "
                + "{alpha: 1, learningRate: 0.01}], optimizer: [sgd, adam], seed: [1, 2]}").parse();
        List<String> actual = AllTrials.of(spec).stream()
                .map(t -> t.optimizer().name() + "/" + t.alpha() + "/" + t.learningRate() + "/" + t.seed()).toList();
        assertEquals(List.of("sgd/10.0/0.001/1", "sgd/10.0/0.001/2", "sgd/1.0/0.01/1", "sgd/1.0/0.01/2",
                "adam/10.0/0.001/1", "adam/10.0/0.001/2", "adam/1.0/0.01/1", "adam/1.0/0.01/2"), actual);
    }

    @Test
    void idsAreStableAcrossTwoExpansionsOfTheSameText() {
        String text = big().text();
        List<String> first = AllTrials.of(io.lossgrid.spec.SpecLoader.parse(text, java.nio.file.Path.of(".")))
                .stream().map(Trial::id).toList();
        List<String> second = AllTrials.of(io.lossgrid.spec.SpecLoader.parse(text, java.nio.file.Path.of("/elsewhere")))
                .stream().map(Trial::id).toList();
        assertEquals(first, second);
    }

    @Test
    void idsAreDistinctWithinASweep() {
        List<Trial> trials = AllTrials.of(big().parse());
        Set<String> ids = new HashSet<>();
        trials.forEach(t -> ids.add(t.id()));
        assertEquals(trials.size(), ids.size());
    }

    @Test
    void anIdIsTheOptimizerNameAndTwelveHexDigits() {
        SweepSpec spec = SpecText.valid()
                .with("grid", "{learningRate: [0.1], optimizer: [sgd, {name: adam, beta1: 0.8}, nesterovs, rmsprop]}").parse();
        for (Trial t : AllTrials.of(spec)) {
            var m = ID.matcher(t.id());
            assertTrue(m.matches(), t.id());
            assertEquals(t.optimizer().name(), m.group(1));
        }
    }

    @Test
    void addingAnAxisValueLeavesTheIdsOfTheOtherTrialsUnchanged() {
        List<Trial> before = AllTrials.of(SpecText.valid()
                .with("grid", "{alpha: [1, 10], learningRate: [0.01, 0.1], optimizer: [sgd]}").parse());
        List<Trial> after = AllTrials.of(SpecText.valid()
                .with("grid", "{alpha: [0.5, 1, 10], learningRate: [0.001, 0.01, 0.1], optimizer: [adam, sgd], seed: [0, 1]}")
                .with("model", "[{type: linear, weightInit: zero}, {type: mlp, hidden: [2]}]").parse());
        Map<String, String> afterIds = idsByContent(after);
        for (Trial t : before) {
            assertEquals(t.id(), afterIds.get(content(t)), content(t));
        }
        Trial moved = before.get(1);
        Trial same = after.stream().filter(t -> t.id().equals(moved.id())).findFirst().orElseThrow();
        assertNotEquals(moved.index(), same.index(), "the id follows the content, not the position");
    }

    @Test
    void theSweepNameDoesNotEnterAnId() {
        assertEquals(AllTrials.of(SpecText.valid().with("name", "a").parse()).get(0).id(),
                AllTrials.of(SpecText.valid().with("name", "b").parse()).get(0).id());
    }

    @Test
    void everyPartOfATrialAndItsTrainingChangesItsId() {
        List<SpecText> variants = List.of(
                SpecText.valid(),
                SpecText.valid().with("grid", "{alpha: [2], learningRate: [0.01], optimizer: [sgd]}"),
                SpecText.valid().with("grid", "{alpha: [1], learningRate: [0.02], optimizer: [sgd]}"),
                SpecText.valid().with("grid", "{alpha: [1], learningRate: [0.01], optimizer: [sgd], seed: [1]}"),
                SpecText.valid().with("grid", "{alpha: [1], learningRate: [0.01], optimizer: [nesterovs]}"),
                SpecText.valid().with("grid", "{alpha: [1], learningRate: [0.01], optimizer: [{name: nesterovs, momentum: 0.5}]}"),
                SpecText.valid().with("model", "{type: linear, weightInit: xavier}"),
                SpecText.valid().with("loss", "xent"),
                SpecText.valid().with("data", "{synthetic: {generator: linear, samples: 20, seed: 2}}"),
                SpecText.valid().with("training", "{epochs: 6}"),
                SpecText.valid().with("training", "{epochs: 5, batchSize: 4}"),
                SpecText.valid().with("training", "{epochs: 5, dtype: double}"));
        Set<String> ids = new HashSet<>();
        for (SpecText v : variants) {
            List<Trial> trials = AllTrials.of(v.parse());
            assertEquals(1, trials.size());
            assertTrue(ids.add(trials.get(0).id()), v.text());
        }
    }

    @Test
    void theIteratorEndsAfterTheLastTrial() {
        Iterator<Trial> it = Grid.iterate(SpecText.valid().parse());
        assertTrue(it.hasNext());
        it.next();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void aTrialKnowsItsEffectiveLearningRateAndItsDataKey() {
        Trial t = AllTrials.of(SpecText.valid().with("grid", "{alpha: [10], learningRate: [0.001], optimizer: [sgd]}")
                .parse()).get(0);
        assertEquals(0.01, t.effectiveLearningRate(), 1e-18);
        assertEquals("linear|mse", t.dataKey());
    }
}
