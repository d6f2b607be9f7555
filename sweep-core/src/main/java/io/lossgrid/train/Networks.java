package io.lossgrid.train;

import io.lossgrid.data.ImageShape;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.Convolution;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.TrainingSpec;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.conf.memory.NetworkMemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the DL4J network a trial trains: its model's layers (dense ones for {@code linear} and {@code mlp},
 * convolution blocks and dense ones for {@code cnn}), then an output layer of the data's width with the
 * α-scaled loss and the activation the loss pairs with at that width ({@link #outputLayer}, the one place
 * the loss meets the network: identity for {@code mse}, {@code mae}, {@code bce} and one-output
 * {@code focal}, softmax for {@code xent} and {@code focal} over classes).
 */
public final class Networks {
    private Networks() {
    }

    /**
     * The trial's network, initialised from the trial's seed.
     *
     * @throws IllegalArgumentException when the trial's model is a {@code cnn} and {@code data} has no image shape
     *                                  (the spec refuses such a pair before any trial runs)
     */
    public static MultiLayerNetwork build(Trial trial, TrainingData data, TrainingSpec training) {
        if (trial.model().convolution() != null) {
            return cnn(trial, data, training);
        }
        NeuralNetConfiguration.ListBuilder layers = layers(trial, training);
        int in = data.inputs();
        for (int width : trial.model().hidden()) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(trial.model().activation()).build());
            in = width;
        }
        layers.layer(outputLayer(trial, data).nIn(in).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }

    /**
     * Bytes of a cnn's per-example training memory (activations, their errors, working memory) one slice of its
     * whole-data passes may take: a slice holds as many examples as fit, never fewer than a mini-batch. Slices of
     * a mini-batch each cost their calls' fixed overhead (512 images of 16×16 in slices of 32 take 1.2× the time
     * of one slice); 32 MiB keeps several task slots' slices within a small executor's heap.
     */
    static final long ROW_SLICE_BYTES = 32L << 20;

    /**
     * Examples per slice of a cnn's whole-data passes (the mini-batch row pass and the metrics' passes): as many
     * as DL4J's memory report of {@code net}'s training says fit {@link #ROW_SLICE_BYTES}, at least the batch size,
     * at most the data's rows.
     */
    static int rowSlice(MultiLayerNetwork net, TrainingData data, TrainingSpec training) {
        ImageShape image = data.image();
        NetworkMemoryReport report = net.getLayerWiseConfigurations()
                .getMemoryReport(InputType.convolutionalFlat(image.height(), image.width(), image.channels()));
        long perExample = report.getTotalMemoryBytes(2, MemoryUseMode.TRAINING, CacheMode.NONE, training.dataType())
                - report.getTotalMemoryBytes(1, MemoryUseMode.TRAINING, CacheMode.NONE, training.dataType());
        long fit = ROW_SLICE_BYTES / Math.max(1, perExample);
        return (int) Math.min(data.rows(), Math.max(training.batchSize(), fit));
    }

    /**
     * A {@code cnn}: per block a same-padded stride-1 convolution, batch normalisation if asked, the activation,
     * and max pooling unless {@code pool} is 1; then the dense layers, each with dropout on its input if asked;
     * then the output layer. The flat CHW rows of {@code data} are reshaped by DL4J's
     * {@link InputType#convolutionalFlat} preprocessor. Dropout draws from ND4J's thread-local generator,
     * which this reseeds with the trial's seed, so a trial's curve is the same every time it runs. The
     * convolutions compute along {@link ConvolutionPath#configured()}.
     */
    static MultiLayerNetwork cnn(Trial trial, TrainingData data, TrainingSpec training) {
        return cnn(trial, data, training, ConvolutionPath.configured());
    }

    /** A {@code cnn} as {@link #cnn(Trial, TrainingData, TrainingSpec)} builds it, its convolutions along {@code path}. */
    static MultiLayerNetwork cnn(Trial trial, TrainingData data, TrainingSpec training, ConvolutionPath path) {
        ModelSpec model = trial.model();
        Convolution conv = model.convolution();
        ImageShape image = data.image();
        if (image == null) {
            throw new IllegalArgumentException("model " + model.name() + " is a cnn and needs image data, but data "
                    + data.name() + " has no image shape");
        }
        Activation act = model.activation();
        NeuralNetConfiguration.ListBuilder layers = layers(trial, training);
        for (int filters : conv.filters()) {
            layers.layer(new ConvolutionLayer.Builder(conv.kernel(), conv.kernel()).stride(1, 1).nOut(filters)
                    .convolutionMode(ConvolutionMode.Same).activation(conv.batchNorm() ? Activation.IDENTITY : act).build());
            if (conv.batchNorm()) {
                layers.layer(new BatchNormalization.Builder().build());
                layers.layer(new ActivationLayer.Builder().activation(act).build());
            }
            if (conv.pool() > 1) {
                layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(conv.pool(), conv.pool()).stride(conv.pool(), conv.pool())
                        .convolutionMode(ConvolutionMode.Truncate).build());
            }
        }
        for (int width : model.hidden()) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nOut(width).activation(act);
            if (conv.dropout() > 0) {
                dense.dropOut(1 - conv.dropout()); // DL4J takes the probability of keeping an input
            }
            layers.layer(dense.build());
        }
        layers.layer(outputLayer(trial, data).build());
        layers.setInputType(InputType.convolutionalFlat(image.height(), image.width(), image.channels()));
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        path.apply(net);
        Nd4j.getRandom().setSeed(trial.seed());
        return net;
    }

    /** The settings every layer shares: seed, precision, optimizer, weight and bias initialisation. */
    private static NeuralNetConfiguration.ListBuilder layers(Trial trial, TrainingSpec training) {
        return new NeuralNetConfiguration.Builder()
                .seed(trial.seed())
                .dataType(training.dataType())
                .updater(trial.optimizer().updater(trial.learningRate()))
                .weightInit(trial.model().weightInit())
                .biasInit(0.0)
                .list();
    }

    /** The output layer: as many units as the data has outputs, the loss's activation, the loss scaled by α. */
    static OutputLayer.Builder outputLayer(Trial trial, TrainingData data) {
        return new OutputLayer.Builder(new ScaledLoss(trial.loss().lossFunction(), trial.alpha()))
                .nOut(data.outputs()).activation(trial.loss().outputActivation(data.outputs()));
    }
}
