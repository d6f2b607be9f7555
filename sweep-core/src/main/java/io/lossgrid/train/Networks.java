package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.TrainingSpec;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Builds the DL4J network a trial trains: its model's dense layers, then an output layer of the data's
 * width with the α-scaled loss and the activation the loss pairs with at that width (identity for
 * {@code mse}, {@code mae}, {@code bce} and one-output {@code focal}, softmax for {@code xent} and
 * {@code focal} over classes).
 */
public final class Networks {
    private Networks() {
    }

    public static MultiLayerNetwork build(Trial trial, TrainingData data, TrainingSpec training) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(trial.seed())
                .dataType(training.dataType())
                .updater(trial.optimizer().updater(trial.learningRate()))
                .weightInit(trial.model().weightInit())
                .biasInit(0.0)
                .list();
        int in = data.inputs();
        for (int width : trial.model().hidden()) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(trial.model().activation()).build());
            in = width;
        }
        layers.layer(new OutputLayer.Builder(new ScaledLoss(trial.loss().lossFunction(), trial.alpha()))
                .nIn(in).nOut(data.outputs()).activation(trial.loss().outputActivation(data.outputs())).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }
}
