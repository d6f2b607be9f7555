package io.lossgrid.train;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The logits of the pass that gives a curve's row, taken from that pass instead of a forward pass of their own:
 * while armed for n examples, each forward pass the network makes (the gradient pass of a full-batch
 * {@code fit}, or the slices of a mini-batch row pass, in order) hands this listener the input of its output
 * layer, and the logits are that times the output layer's weights plus its biases, appended row by row.
 *
 * <p>A training pass equals an inference pass only for a network without batch normalization, dropout or
 * weight noise ({@link #exact}); the runner takes the logits from the pass only then.
 */
final class RowLogits extends BaseTrainingListener {
    private final int outputs;
    private double[] logits;
    private int rows;

    RowLogits(int outputs) {
        this.outputs = outputs;
    }

    /**
     * True when {@code net}'s training forward pass computes what its inference pass does: no layer normalizes
     * by batch statistics, drops inputs or perturbs its weights.
     */
    static boolean exact(MultiLayerNetwork net) {
        for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getLayer();
            if (layer instanceof BatchNormalization || layer.getIDropout() != null
                    || (layer instanceof BaseLayer base && base.getWeightNoise() != null)) {
                return false;
            }
        }
        return true;
    }

    /** Starts collecting the logits of the next passes, n examples in all. */
    void arm(int n) {
        logits = new double[n * outputs];
        rows = 0;
    }

    /**
     * The logits collected since {@link #arm} ({@code n x outputs}, row-major), and disarms.
     *
     * @throws IllegalStateException when the passes did not cover the n examples (a DL4J that no longer reports
     *                               its forward passes to listeners)
     */
    double[] take() {
        double[] out = logits;
        logits = null;
        if (out == null || rows * outputs != out.length) {
            throw new IllegalStateException("the row's passes reported " + rows + " examples' activations, expected "
                    + (out == null ? "an armed listener" : out.length / outputs));
        }
        return out;
    }

    /**
     * The logits (output layer's pre-activations, a new array) of {@code net} for {@code in}, the activations of
     * the layer before its output layer: through the output layer's input preprocessor if it has one, times its
     * weights, plus its biases.
     */
    static INDArray logits(MultiLayerNetwork net, INDArray in) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1);
        if (pre != null) {
            in = pre.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        Layer out = net.getOutputLayer();
        return in.mmul(out.getParam("W")).addiRowVector(out.getParam("b"));
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (logits == null) {
            return;
        }
        // the activations live in the pass's workspace: the logits are computed outside it, and copied out
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray in = activations.get(activations.size() - 1);
            int batch = (int) in.size(0);
            double[] z = Buffers.read(logits((MultiLayerNetwork) model, in));
            if ((rows + batch) * outputs > logits.length) {
                throw new IllegalStateException("the row's passes reported more than " + logits.length / outputs
                        + " examples");
            }
            System.arraycopy(z, 0, logits, rows * outputs, z.length);
            rows += batch;
        }
    }
}
