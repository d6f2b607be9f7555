package io.lossgrid.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The loss axis's values: parsing a name or a map, the column name, what each pairs with, and every rule's message. */
class LossTest {

    private static Loss parse(Object value) {
        return Loss.parse(new Node("loss", value));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String error(Object value) {
        return assertThrows(SpecException.class, () -> parse(value)).getMessage();
    }

    @Test
    void aNameGivesTheLossWithItsDefaults() {
        assertEquals(new Loss.Mse(), parse("mse"));
        assertEquals(new Loss.Mae(), parse("mae"));
        assertEquals(new Loss.Xent(List.of()), parse("xent"));
        assertEquals(new Loss.Bce(1.0), parse("bce"));
        assertEquals(new Loss.Focal(2.0, null, List.of()), parse("focal"));
    }

    @Test
    void aMapGivesTheLossWithItsParameters() {
        assertEquals(new Loss.Focal(2.0, 0.25, List.of()), parse(map("name", "focal", "gamma", 2.0, "balance", 0.25)));
        assertEquals(new Loss.Focal(0.5, null, List.of(1.0, 3.0)),
                parse(map("name", "focal", "gamma", "0.5", "classWeights", List.of(1, 3))));
        assertEquals(new Loss.Xent(List.of(0.5, 2.0)), parse(map("name", "xent", "classWeights", List.of(0.5, 2))));
        assertEquals(new Loss.Bce(3.0), parse(map("name", "bce", "posWeight", 3)));
        assertEquals(new Loss.Mse(), parse(map("name", "mse")));
    }

    @Test
    void theColumnNamesTheLossWithTheParametersGiven() {
        assertEquals("mse", new Loss.Mse().name());
        assertEquals("mae", new Loss.Mae().name());
        assertEquals("xent", new Loss.Xent().name());
        assertEquals("xent(classWeights=[0.5, 2.0])", new Loss.Xent(List.of(0.5, 2.0)).name());
        assertEquals("bce", new Loss.Bce().name());
        assertEquals("bce(posWeight=3.0)", new Loss.Bce(3.0).name());
        assertEquals("focal(gamma=2.0, balance=0.25)", new Loss.Focal(2.0, 0.25, List.of()).name());
        assertEquals("focal(gamma=2.0)", new Loss.Focal(2.0, null, List.of()).name());
        assertEquals("focal(gamma=1.5, classWeights=[1.0, 2.0])", new Loss.Focal(1.5, null, List.of(1.0, 2.0)).name());
    }

    @Test
    void eachLossPairsWithItsActivationLabelsAndFunction() {
        assertEquals(Activation.IDENTITY, new Loss.Mse().outputActivation(2));
        assertEquals(Labels.VALUES, new Loss.Mae().labels());
        assertFalse(new Loss.Mae().classifier());
        assertInstanceOf(LossMSE.class, new Loss.Mse().lossFunction());
        assertInstanceOf(LossMae.class, new Loss.Mae().lossFunction());

        assertEquals(Activation.SOFTMAX, new Loss.Xent().outputActivation(3));
        assertEquals(Labels.ONE_HOT, new Loss.Xent().labels());
        assertTrue(new Loss.Xent().classifier());
        assertEquals(new LossXent(new double[] {0.5, 2.0}), new Loss.Xent(List.of(0.5, 2.0)).lossFunction());

        assertEquals(Activation.IDENTITY, new Loss.Bce().outputActivation(1));
        assertEquals(Labels.BINARY, new Loss.Bce().labels());
        assertEquals(new LossBceWithLogits(3.0), new Loss.Bce(3.0).lossFunction());

        Loss.Focal focal = new Loss.Focal(2.0, 0.25, List.of());
        assertEquals(Activation.IDENTITY, focal.outputActivation(1));
        assertEquals(Activation.SOFTMAX, focal.outputActivation(3));
        assertEquals(Labels.BINARY_OR_ONE_HOT, focal.labels());
        assertEquals(new LossFocal(2.0, 0.25, null), focal.lossFunction());
    }

    @Test
    void gammaMustBeNonNegativeAndFinite() {
        assertEquals("loss.gamma must be >= 0 and finite, found -1", error(map("name", "focal", "gamma", -1)));
        assertEquals("loss.gamma must be >= 0 and finite, found Infinity",
                error(map("name", "focal", "gamma", Double.POSITIVE_INFINITY)));
        assertEquals("loss.gamma must be a number, found \"two\"", error(map("name", "focal", "gamma", "two")));
    }

    @Test
    void balanceMustLieBetweenZeroAndOne() {
        assertEquals("loss.balance must be in [0, 1], found 1.5", error(map("name", "focal", "balance", 1.5)));
        assertEquals("loss.balance must be in [0, 1], found NaN", error(map("name", "focal", "balance", Double.NaN)));
    }

    @Test
    void classWeightsMustBePositiveAndFinite() {
        assertEquals("loss.classWeights[1] must be > 0 and finite, found 0",
                error(map("name", "xent", "classWeights", List.of(1, 0))));
        assertEquals("loss.classWeights[0] must be > 0 and finite, found -2.5",
                error(map("name", "focal", "classWeights", List.of(-2.5, 1))));
        assertEquals("loss.classWeights must not be empty, found a list", error(map("name", "xent", "classWeights", List.of())));
    }

    @Test
    void posWeightMustBePositiveAndFinite() {
        assertEquals("loss.posWeight must be > 0 and finite, found -2", error(map("name", "bce", "posWeight", -2)));
        assertEquals("loss.posWeight must be > 0 and finite, found 0", error(map("name", "bce", "posWeight", 0)));
    }

    @Test
    void balanceAndClassWeightsCannotBeGivenTogether() {
        assertEquals("loss.balance applies to one output and classWeights to two or more, so they cannot both be given,"
                + " found 0.25", error(map("name", "focal", "balance", 0.25, "classWeights", List.of(1, 2))));
    }

    @Test
    void anUnknownNameIsRefusedWithASuggestion() {
        assertEquals("loss must be one of mse, mae, xent, bce, focal, found \"focl\"; did you mean \"focal\"?", error("focl"));
        assertEquals("loss.name must be one of mse, mae, xent, bce, focal, found \"hinge\"", error(map("name", "hinge")));
    }

    @Test
    void aMapMustNameItsLoss() {
        assertEquals("loss must name its loss with a \"name\" field (one of mse, mae, xent, bce, focal), found a map",
                error(map("gamma", 2)));
    }

    @Test
    void aParameterTheLossDoesNotTakeIsRefused() {
        assertEquals("loss.gama is not a known field (known: balance, classWeights, gamma, name), found unknown key"
                + " \"gama\"; did you mean \"gamma\"?", error(map("name", "focal", "gama", 2)));
        assertEquals("loss.posWeight is not a known field (known: name), found unknown key \"posWeight\"",
                error(map("name", "mse", "posWeight", 2)));
    }

    @Test
    void xentNeedsTwoClassesAndOneWeightPerClass() {
        new Loss.Xent(List.of(1.0, 2.0, 3.0)).checkOutputs(3);
        assertEquals("loss needs at least two classes, found 1 output",
                assertThrows(SpecException.class, () -> new Loss.Xent().checkOutputs(1)).under("loss").getMessage());
        assertEquals("loss.classWeights must hold one weight per class (3 classes), found 2 weights",
                assertThrows(SpecException.class, () -> new Loss.Xent(List.of(1.0, 2.0)).checkOutputs(3))
                        .under("loss").getMessage());
    }

    @Test
    void focalTakesBalanceForOneOutputAndClassWeightsForSeveral() {
        new Loss.Focal(2.0, 0.25, List.of()).checkOutputs(1);
        new Loss.Focal(2.0, null, List.of(1.0, 2.0)).checkOutputs(2);
        assertEquals("loss.balance applies to one output (sigmoid focal), not to 3 outputs (softmax focal); use"
                        + " classWeights, found 0.25",
                assertThrows(SpecException.class, () -> new Loss.Focal(2.0, 0.25, List.of()).checkOutputs(3))
                        .under("loss").getMessage());
        assertEquals("loss.classWeights apply to two or more outputs (softmax focal), not to one output (sigmoid"
                        + " focal); use balance, found [1.0, 2.0]",
                assertThrows(SpecException.class, () -> new Loss.Focal(2.0, null, List.of(1.0, 2.0)).checkOutputs(1))
                        .under("loss").getMessage());
        assertEquals("loss.classWeights must hold one weight per class (3 classes), found 2 weights",
                assertThrows(SpecException.class, () -> new Loss.Focal(2.0, null, List.of(1.0, 2.0)).checkOutputs(3))
                        .under("loss").getMessage());
    }

    @Test
    void aNetworkNeedsAtLeastOneOutput() {
        assertEquals("loss needs at least one output, found 0",
                assertThrows(SpecException.class, () -> new Loss.Mse().checkOutputs(0)).under("loss").getMessage());
    }

    @Test
    void aLossInAListIsNamedByItsIndex() {
        Node list = new Node("loss", List.of("mse", map("name", "bce", "posWeight", -1)));
        SpecException e = assertThrows(SpecException.class, () -> list.each(Loss::parse));
        assertEquals("loss[1].posWeight must be > 0 and finite, found -1", e.getMessage());
    }

    @Test
    void absentBalanceMeansNoBalancing() {
        assertNull(((Loss.Focal) parse(map("name", "focal", "gamma", 1))).balance());
    }

    @Test
    void theLossesThatAreAMeanOfElementsHaveAPerElementFormAndTheSoftmaxLossesNone() {
        assertEquals(new Elementwise.SquaredError(), new Loss.Mse().elementwise(2).orElseThrow());
        assertEquals(new Elementwise.AbsoluteError(), new Loss.Mae().elementwise(1).orElseThrow());
        assertEquals(new Elementwise.BceWithLogits(3.0), new Loss.Bce(3.0).elementwise(1).orElseThrow());
        assertEquals(new Elementwise.SigmoidFocal(2.0, 0.25), new Loss.Focal(2.0, 0.25, List.of()).elementwise(1).orElseThrow());
        assertTrue(new Loss.Focal(2.0, null, List.of()).elementwise(3).isEmpty(), "softmax focal couples a row's outputs");
        assertTrue(new Loss.Xent().elementwise(3).isEmpty());
    }

    @Test
    void aLossWritesItselfAsASpecWouldAndParsesBackToItself() {
        assertEquals("bce", new Loss.Bce().toSpec());
        assertEquals(Map.of("name", "xent", "classWeights", List.of(1.0, 9.0)), new Loss.Xent(List.of(1.0, 9.0)).toSpec());
        for (Loss loss : List.of(new Loss.Mse(), new Loss.Mae(), new Loss.Xent(List.of(1.0, 9.0)), new Loss.Bce(9.0),
                new Loss.Focal(2.0, 0.25, List.of()), new Loss.Focal(0.5, null, List.of(1.0, 2.0)))) {
            assertEquals(loss, parse(loss.toSpec()), loss.name());
        }
    }
}
