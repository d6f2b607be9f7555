package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.spec.GridValues;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.TrainingSpec;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** What every trial shares (targets) and the network a trial builds. */
class TrainingPlanTest {
    private static final TrainingSpec TRAINING = new TrainingSpec(3, TrainingSpec.FULL_BATCH, DataType.FLOAT);
    private static final ModelSpec MLP = new ModelSpec(null, List.of(4, 2), Activation.TANH, WeightInit.XAVIER);

    @Test
    void linearMseTrialsTargetTheLeastSquaresMinimumOfTheirData() {
        TrainingPlan plan = TrainingPlan.of(TRAINING, OutcomeRules.DEFAULT, List.of(Runs.LINEAR, Runs.BLOBS));
        assertEquals(Map.of("linear|mse", Runs.LINEAR.leastSquaresMinimum()), plan.linearOptimum());
        Trial linear = Runs.trial(Runs.LINEAR, Runs.ZERO_LINEAR, new Optimizer.Sgd(), 1, 0.1, 0);
        assertEquals(Runs.LINEAR.leastSquaresMinimum(), plan.target(linear));
    }

    @Test
    void mlpAndXentTrialsHaveNoTarget() {
        TrainingPlan plan = TrainingPlan.of(TRAINING, OutcomeRules.DEFAULT, List.of(Runs.LINEAR, Runs.BLOBS));
        assertNull(plan.target(Runs.trial(Runs.LINEAR, MLP, new Optimizer.Sgd(), 1, 0.1, 0)));
        assertNull(plan.target(Runs.trial(Runs.BLOBS, Runs.ZERO_LINEAR, new Optimizer.Sgd(), 1, 0.1, 0)));
    }

    @Test
    void aSpecTargetAppliesToEveryTrialAndSkipsTheLeastSquaresWork() {
        TrainingPlan plan = TrainingPlan.of(TRAINING, OutcomeRules.DEFAULT.withTarget(0.5), List.of(Runs.LINEAR));
        assertTrue(plan.linearOptimum().isEmpty());
        assertEquals(0.5, plan.target(Runs.trial(Runs.LINEAR, MLP, new Optimizer.Sgd(), 1, 0.1, 0)));
        assertEquals(0.5, plan.target(Runs.trial(Runs.BLOBS, Runs.ZERO_LINEAR, new Optimizer.Sgd(), 1, 0.1, 0)));
    }

    @Test
    void aLinearNetworkIsOneOutputLayerWithTheScaledLossAndZeroParameters() {
        Trial t = Runs.trial(Runs.LINEAR, Runs.ZERO_LINEAR, GridValues.adam(0.8, 0.99, 1e-6), 7.5, 0.02, 3);
        MultiLayerNetwork net = Networks.build(t, Runs.LINEAR, TRAINING);
        assertEquals(1, net.getnLayers());
        OutputLayer out = assertInstanceOf(OutputLayer.class, net.getLayerWiseConfigurations().getConf(0).getLayer());
        assertEquals(new ScaledLoss(new LossMSE(), 7.5), out.getLossFn());
        assertInstanceOf(ActivationIdentity.class, out.getActivationFn());
        assertEquals(new Adam(0.02, 0.8, 0.99, 1e-6), out.getIUpdater());
        assertEquals(1, out.getNIn());
        assertEquals(1, out.getNOut());
        assertEquals(2, net.numParams());
        assertEquals(0.0, net.params().amaxNumber().doubleValue(), "weights and bias start at 0");
        assertEquals(DataType.FLOAT, net.params().dataType());
    }

    @Test
    void anMlpNetworkHasItsHiddenLayersAndASoftmaxOutputForXent() {
        Trial t = Runs.trial(Runs.BLOBS, MLP, new Optimizer.Sgd(), 2, 0.1, 3);
        MultiLayerNetwork net = Networks.build(t, Runs.BLOBS, new TrainingSpec(1, 0, DataType.DOUBLE));
        assertEquals(3, net.getnLayers());
        DenseLayer h1 = assertInstanceOf(DenseLayer.class, net.getLayerWiseConfigurations().getConf(0).getLayer());
        DenseLayer h2 = assertInstanceOf(DenseLayer.class, net.getLayerWiseConfigurations().getConf(1).getLayer());
        OutputLayer out = assertInstanceOf(OutputLayer.class, net.getLayerWiseConfigurations().getConf(2).getLayer());
        assertEquals(List.of(2L, 4L, 4L, 2L, 2L, 3L),
                List.of(h1.getNIn(), h1.getNOut(), h2.getNIn(), h2.getNOut(), out.getNIn(), out.getNOut()));
        assertEquals(Activation.TANH.getActivationFunction(), h1.getActivationFn());
        assertInstanceOf(ActivationSoftmax.class, out.getActivationFn());
        assertEquals(new ScaledLoss(new io.lossgrid.loss.LossXent(), 2), out.getLossFn());
        assertEquals(DataType.DOUBLE, net.params().dataType());
        assertEquals(0.0, net.getLayer(0).getParam("b").amaxNumber().doubleValue(), "biases start at 0");
        assertTrue(net.getLayer(0).getParam("W").amaxNumber().doubleValue() > 0, "xavier weights do not");
    }

    @Test
    void theSameSeedBuildsTheSameInitialWeights() {
        Trial a = Runs.trial(Runs.BLOBS, MLP, new Optimizer.Sgd(), 1, 0.1, 11);
        Trial b = Runs.trial(Runs.BLOBS, MLP, new Optimizer.Sgd(), 1, 0.1, 12);
        TrainingData d = Runs.BLOBS;
        assertEquals(Networks.build(a, d, TRAINING).params(), Networks.build(a, d, TRAINING).params());
        assertTrue(!Networks.build(a, d, TRAINING).params().equals(Networks.build(b, d, TRAINING).params()));
    }

    @Test
    void theXentDataHasOneOutputPerClass() {
        assertEquals(new Loss.Xent(), Runs.BLOBS.loss());
        assertEquals(3, Runs.BLOBS.outputs());
    }

    @Test
    void onlyMseHasTheLeastSquaresTargetAndOtherLinearTrialsHaveNone() {
        TrainingData mae = new io.lossgrid.data.LinearData(null, 50, 1, List.of(2.0), 1.0, 0.1, 7).load(null)
                .prepare(new Loss.Mae());
        TrainingPlan plan = TrainingPlan.of(TRAINING, OutcomeRules.DEFAULT, List.of(mae));
        assertTrue(plan.linearOptimum().isEmpty());
        assertNull(plan.target(Runs.trial(mae, Runs.ZERO_LINEAR, new Optimizer.Sgd(), 1, 0.1, 0)));
    }

    @Test
    void aBceNetworkHasOneIdentityOutputAndASoftmaxFocalNetworkOnePerClass() {
        TrainingData binary = new io.lossgrid.data.BlobsData(null, 20, 2, 2, 3.0, 1.0, 1).load(null).prepare(new Loss.Bce(3.0));
        OutputLayer bce = assertInstanceOf(OutputLayer.class, Networks.build(Runs.trial(binary, Runs.ZERO_LINEAR,
                new Optimizer.Sgd(), 2, 0.1, 0), binary, TRAINING).getLayerWiseConfigurations().getConf(0).getLayer());
        assertEquals(1, bce.getNOut());
        assertInstanceOf(ActivationIdentity.class, bce.getActivationFn());
        assertEquals(new ScaledLoss(new io.lossgrid.loss.LossBceWithLogits(3.0), 2), bce.getLossFn());

        TrainingData classes = new io.lossgrid.data.BlobsData(null, 30, 2, 3, 3.0, 1.0, 1)
                .load(null).prepare(new Loss.Focal(2.0, null, List.of()));
        OutputLayer focal = assertInstanceOf(OutputLayer.class, Networks.build(Runs.trial(classes, Runs.ZERO_LINEAR,
                new Optimizer.Sgd(), 1, 0.1, 0), classes, TRAINING).getLayerWiseConfigurations().getConf(0).getLayer());
        assertEquals(3, focal.getNOut());
        assertInstanceOf(ActivationSoftmax.class, focal.getActivationFn());
    }
}
