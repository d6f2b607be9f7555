package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.ShapesData;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.Convolution;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.TrainingSpec;
import java.util.List;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/** The two ways a cnn's convolutions compute give the same training, and the setting that chooses one. */
class ConvolutionPathTest {
    private static final TrainingData SHAPES = new ShapesData(null, 64, 16, List.of("ring", "square"),
            List.of(0.3, 0.7), 0.3, 0).load(null).prepare(new Loss.Xent(List.of()));
    private static final ModelSpec MODEL = ModelSpec.cnn(null, new Convolution(List.of(4, 8), 3, 2, false, 0),
            List.of(16), Activation.RELU, WeightInit.RELU);
    private static final TrainingSpec TRAINING = new TrainingSpec(1, 16, DataType.FLOAT);

    private static MultiLayerNetwork build(ConvolutionPath path) {
        Trial trial = Runs.trial(SHAPES, MODEL, Optimizers.byName("adam"), 10, 0.01, 4);
        return Networks.cnn(trial, SHAPES, TRAINING, path);
    }

    @Test
    void theNativePathAttachesNd4jsConvolutionToEveryConvolutionLayerAndIm2colNone() {
        MultiLayerNetwork nativeNet = build(ConvolutionPath.NATIVE);
        MultiLayerNetwork im2col = build(ConvolutionPath.IM2COL);
        int convolutions = 0;
        for (int i = 0; i < nativeNet.getnLayers(); i++) {
            if (nativeNet.getLayer(i) instanceof ConvolutionLayer c) {
                convolutions++;
                assertTrue(c.getHelper() instanceof MKLDNNConvHelper, "layer " + i + ": " + c.getHelper());
                assertNull(((ConvolutionLayer) im2col.getLayer(i)).getHelper(), "layer " + i + " under im2col");
            }
        }
        assertEquals(2, convolutions);
    }

    /** Two epochs of Adam at α = 10, batch 16: every loss and every parameter agree to float rounding. */
    @Test
    void bothPathsTrainTheSameNetworkToFloatRounding() {
        MultiLayerNetwork a = build(ConvolutionPath.NATIVE);
        MultiLayerNetwork b = build(ConvolutionPath.IM2COL);
        assertEquals(0.0, a.params().sub(b.params()).norm2Number().doubleValue(), "the same initial parameters");
        DataSet all = SHAPES.dataSet(DataType.FLOAT);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (DataSet batch : all.batchBy(16)) {
                a.fit(batch);
                b.fit(batch);
                assertEquals(b.score(), a.score(), 1e-5 * Math.abs(b.score()), "epoch " + epoch);
            }
        }
        double difference = a.params().sub(b.params()).norm2Number().doubleValue();
        double size = b.params().norm2Number().doubleValue();
        assertTrue(difference <= 1e-4 * size, "parameters differ by " + difference + " (norm " + size + ")");
        double loss = a.score(all) / 10; // the network's score is the α-scaled loss
        assertTrue(loss < 0.9 * Math.log(2), "and they learnt something: loss " + loss + " against ln 2 at the start");
    }

    @Test
    void theSettingIsReadFromItsSystemPropertyAndNativeByDefault() {
        String before = System.getProperty(ConvolutionPath.PROPERTY);
        try {
            System.clearProperty(ConvolutionPath.PROPERTY);
            assertEquals(ConvolutionPath.NATIVE, ConvolutionPath.configured());
            System.setProperty(ConvolutionPath.PROPERTY, " IM2COL ");
            assertEquals(ConvolutionPath.IM2COL, ConvolutionPath.configured());
        } finally {
            restore(before);
        }
    }

    @Test
    void anUnknownPathIsRefusedNamingThePropertyItsValuesAndTheValueFound() {
        String before = System.getProperty(ConvolutionPath.PROPERTY);
        try {
            System.setProperty(ConvolutionPath.PROPERTY, "onednn");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ConvolutionPath::configured);
            assertEquals("system property lossgrid.convolution must be native or im2col, found 'onednn'", e.getMessage());
        } finally {
            restore(before);
        }
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(ConvolutionPath.PROPERTY);
        } else {
            System.setProperty(ConvolutionPath.PROPERTY, before);
        }
    }
}
