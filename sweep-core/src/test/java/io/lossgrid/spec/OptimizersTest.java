package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.parseWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaBelief;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** Every optimizer a spec may name, with DL4J's own defaults. */
class OptimizersTest {
    private static final double LR = 0.0375;

    /** DL4J's updater built with its no-argument constructor (its defaults), at learning rate {@link #LR}. */
    static Stream<Arguments> dl4jDefaults() {
        Sgd sgd = new Sgd();
        sgd.setLearningRate(LR);
        Nesterovs nesterovs = new Nesterovs();
        nesterovs.setLearningRate(LR);
        Adam adam = new Adam();
        adam.setLearningRate(LR);
        AdaMax adamax = new AdaMax();
        adamax.setLearningRate(LR);
        Nadam nadam = new Nadam();
        nadam.setLearningRate(LR);
        AMSGrad amsgrad = new AMSGrad();
        amsgrad.setLearningRate(LR);
        AdaBelief adabelief = new AdaBelief();
        adabelief.setLearningRate(LR);
        AdaGrad adagrad = new AdaGrad();
        adagrad.setLearningRate(LR);
        AdaDelta adadelta = new AdaDelta(); // no learning rate at all
        RmsProp rmsprop = new RmsProp();
        rmsprop.setLearningRate(LR);
        return Stream.of(Arguments.of("sgd", sgd), Arguments.of("nesterovs", nesterovs), Arguments.of("adam", adam),
                Arguments.of("adamax", adamax), Arguments.of("nadam", nadam), Arguments.of("amsgrad", amsgrad),
                Arguments.of("adabelief", adabelief), Arguments.of("adagrad", adagrad),
                Arguments.of("adadelta", adadelta), Arguments.of("rmsprop", rmsprop));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dl4jDefaults")
    void everyOptimizerNameParsesWithDl4jsDefaultHyperparameters(String name, IUpdater expected) {
        Optimizer parsed = parseWith("grid", "{learningRate: [" + LR + "], optimizer: [" + name + "]}")
                .grid().optimizers().get(0);
        assertEquals(name, parsed.name());
        assertEquals(expected, parsed.updater(LR));
        assertEquals(parsed, Optimizers.byName(name));
        assertEquals(parsed, parseWith("grid", "{learningRate: [0.1], optimizer: [{name: " + name + "}]}")
                .grid().optimizers().get(0), "a map with only a name is the name");
    }

    @Test
    void theRegistryNamesTenOptimizersInAFixedOrder() {
        assertEquals(List.of("sgd", "nesterovs", "adam", "adamax", "nadam", "amsgrad", "adabelief", "adagrad", "adadelta",
                "rmsprop"), Optimizers.kinds().stream().map(Optimizers.Kind::name).toList());
        assertEquals(dl4jDefaults().count(), Optimizers.kinds().size(), "each is covered by the test above");
    }

    @Test
    void hyperparametersFromASpecReachTheDl4jUpdater() {
        Optimizer o = parseWith("grid", "{learningRate: [0.1], optimizer: [{name: rmsprop, rmsDecay: 0.5, epsilon: 1e-4}]}")
                .grid().optimizers().get(0);
        assertEquals(new RmsProp(0.2, 0.5, 1e-4), o.updater(0.2));
        Optimizer n = parseWith("grid", "{learningRate: [0.1], optimizer: [{name: nesterovs, momentum: 0.9}]}")
                .grid().optimizers().get(0);
        assertEquals(new Nesterovs(0.3, 0.9), n.updater(0.3));
        Optimizer d = parseWith("grid", "{learningRate: [0.1], optimizer: [{name: adadelta, rho: 0.5}]}")
                .grid().optimizers().get(0);
        assertEquals(new AdaDelta(0.5, AdaDelta.DEFAULT_ADADELTA_EPSILON), d.updater(0.3));
    }

    @Test
    void onlyAdaDeltaIgnoresTheLearningRate() {
        for (Optimizers.Kind k : Optimizers.kinds()) {
            assertEquals(!k.name().equals("adadelta"), Optimizers.byName(k.name()).usesLearningRate(), k.name());
        }
    }

    @Test
    void sgdAndMomentumAreInvariantInTheEffectiveRateAndTheAdaptiveOnesInAlpha() {
        for (Optimizers.Kind k : Optimizers.kinds()) {
            boolean sgdLike = k.name().equals("sgd") || k.name().equals("nesterovs");
            assertEquals(sgdLike ? Invariance.EFFECTIVE_LR : Invariance.ALPHA, Optimizers.byName(k.name()).invariance(),
                    k.name());
        }
    }

    @Test
    void hyperparameterColumnsAreSnakeCase() {
        assertEquals("rms_decay", Hyper.RMS_DECAY.column());
        assertEquals("beta1", Hyper.BETA1.column());
    }

    @Test
    void hyperparameterBoundsAreInclusiveOrExclusiveAsTheirRulesSay() {
        assertEquals(0.0, Hyper.MOMENTUM.check(0.0));
        assertEquals(0.999, Hyper.BETA2.check(0.999));
        assertTrue(Hyper.EPSILON.check(1e-300) > 0);
        assertFalse(Hyper.RHO.rule().isEmpty());
    }
}
