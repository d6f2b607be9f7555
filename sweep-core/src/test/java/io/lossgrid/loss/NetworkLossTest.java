package io.lossgrid.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.train.ScaledLoss;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Each loss inside a DL4J network as lossgrid builds it (α-scaled, double precision): the score the
 * network reports is α times the loss of its logits, its gradient divided by the minibatch size is the
 * derivative of that score with respect to every parameter (central finite differences), and the
 * configuration survives DL4J's JSON round trip.
 */
class NetworkLossTest {
    private static final int N = 6;
    private static final int INPUTS = 3;
    private static final double ALPHA = 2.5;
    private static final double H = 1e-6;

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(new Loss.Mse(), 2), Arguments.of(new Loss.Mae(), 2),
                Arguments.of(new Loss.Xent(), 3), Arguments.of(new Loss.Xent(List.of(0.5, 2.0, 1.5)), 3),
                Arguments.of(new Loss.Bce(), 1), Arguments.of(new Loss.Bce(2.5), 1),
                Arguments.of(new Loss.Focal(2.0, 0.25, List.of()), 1), Arguments.of(new Loss.Focal(2.0, null, List.of()), 3),
                Arguments.of(new Loss.Focal(1.5, null, List.of(0.5, 2.0, 1.5)), 3));
    }

    static MultiLayerConfiguration configuration(Loss loss, int outputs) {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER).biasInit(0.0).list()
                .layer(new DenseLayer.Builder().nIn(INPUTS).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(new ScaledLoss(loss.lossFunction(), ALPHA)).nIn(4).nOut(outputs)
                        .activation(loss.outputActivation(outputs)).build())
                .build();
    }

    @ParameterizedTest(name = "{0} with {1} outputs")
    @MethodSource("losses")
    void theNetworksScoreIsAlphaTimesTheLossAndItsGradientTheScoresDerivative(Loss loss, int outputs) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(loss, outputs));
        net.init();
        Random random = new Random(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, INPUTS).muli(4).subi(2);
        INDArray y = Nd4j.create(DataType.DOUBLE, N, outputs);
        for (int i = 0; i < N; i++) {
            int cls = i % outputs;
            for (int j = 0; j < outputs; j++) {
                y.putScalar(i, j, loss.labels() == Labels.VALUES ? random.nextGaussian()
                        : outputs == 1 ? i % 2 : j == cls ? 1 : 0);
            }
        }
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double score = net.score();

        INDArray hidden = net.feedForward(x, false).get(1);
        INDArray logits = hidden.mmul(net.getLayer(1).getParam("W")).addiRowVector(net.getLayer(1).getParam("b"));
        ILossFunction unscaled = loss.lossFunction();
        double expected = unscaled.computeScore(y, logits, loss.outputActivation(outputs).getActivationFunction(), null, true);
        assertEquals(ALPHA * expected, score, 1e-12 * Math.max(1, Math.abs(score)), loss.name() + " score");

        INDArray gradient = net.gradient().gradient().dup().divi(N);
        INDArray params = net.params().dup();
        for (int k = 0; k < params.length(); k++) {
            double at = params.getDouble(k);
            net.setParams(with(params, k, at + H));
            net.computeGradientAndScore();
            double up = net.score();
            net.setParams(with(params, k, at - H));
            net.computeGradientAndScore();
            double down = net.score();
            double numeric = (up - down) / (2 * H);
            double found = gradient.getDouble(k);
            assertTrue(Math.abs(numeric - found) <= 1e-6 * Math.max(1, Math.abs(numeric)),
                    loss.name() + ": d score / d param[" + k + "] is " + numeric + " by finite differences, the network's"
                            + " gradient / n is " + found);
        }
    }

    @ParameterizedTest(name = "{0} with {1} outputs")
    @MethodSource("losses")
    void theConfigurationSurvivesDl4jsJsonRoundTrip(Loss loss, int outputs) {
        MultiLayerConfiguration conf = configuration(loss, outputs);
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        OutputLayer out = assertInstanceOf(OutputLayer.class, back.getConf(1).getLayer());
        ScaledLoss scaled = assertInstanceOf(ScaledLoss.class, out.getLossFn());
        assertEquals(loss.lossFunction(), scaled.inner());
        assertEquals(loss.lossFunction().hashCode(), scaled.inner().hashCode());
        assertEquals(json, back.toJson());
    }

    private static INDArray with(INDArray params, int k, double value) {
        INDArray p = params.dup();
        p.putScalar(k, value);
        return p;
    }
}
