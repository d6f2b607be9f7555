package io.lossgrid.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The parameters of K dense networks of one shape side by side, and their forward and backward pass as a few
 * ND4J ops for all K. Layer l maps {@code widths[l]} inputs to {@code widths[l+1]} outputs; its weights are
 * {@code [K, out, in]} (DL4J's {@code in x out} matrix of each trial, transposed), its biases {@code [K, out]}.
 * Activations are held transposed, {@code [K, width, n]}: the first layer, whose input all trials share, is
 * one GEMM {@code [K·out, in] · Xᵀ}, every later layer one batched GEMM per run of consecutive live trials on
 * views of the stacked arrays (no copies), skipping trials that have stopped; biases are one rank-1 GEMM forward and one GEMV backward over
 * the whole stack, and activations, the loss and the updater one op each.
 *
 * <p>All parameters sit in one flat row, layer by layer (weights, then biases), trial-major inside each, and so do
 * the gradients: one ND4J updater op updates them all. Its update rules are elementwise and linear in the
 * learning rate, so it runs at learning rate 1 and each trial's slice is scaled by that trial's rate.
 */
final class StackedMlp {
    private final int k;
    private final int[] widths;
    private final DataType type;
    private final IActivation hidden;
    private final boolean relu;
    private final INDArray params;
    private final INDArray grads;
    private final INDArray[] w;
    private final INDArray[] b;
    private final INDArray[] gw;
    private final INDArray[] gb;
    /**
     * The maximal runs of consecutive live trials, {@code [from, to)} each, and each run's layer-l weights and
     * their gradient as {@code [to − from, out, in]} views of w and gw: a later layer's products are one batched
     * GEMM per run (ND4J's {@code matmul} on rank-3 views, the same BLAS call per trial without a Java call each).
     */
    private int[][] runs;
    private INDArray[][] wr;
    private INDArray[][] gwr;
    private final long[] wAt;
    private final long[] bAt;
    private final GradientUpdater<?> updater;
    private final INDArray state;
    private final int stateBlocks;
    /** Each parameter's learning rate: trial t's rate over all its slices of the parameter row, 0 once frozen. */
    private final INDArray lr;
    private final Map<Integer, Pass> passes = new TreeMap<>();
    /** Trials stopped by {@link #freeze}: their per-trial GEMMs are skipped, their slices stay zero. */
    private final boolean[] frozen;

    /**
     * K networks of {@code widths} (inputs, hidden widths, outputs) with hidden activation {@code hidden}, zero
     * parameters, updated by {@code updater} (its learning rate must be 1) at the rates {@code rates}.
     */
    StackedMlp(int[] widths, IActivation hidden, DataType type, IUpdater updater, double[] rates) {
        this.k = rates.length;
        this.frozen = new boolean[k];
        this.widths = widths.clone();
        this.type = type;
        this.hidden = hidden;
        this.relu = hidden.getClass() == ActivationReLU.class && hidden.equals(new ActivationReLU());
        int layers = widths.length - 1;
        long total = parameters(widths) * k;
        params = Nd4j.create(type, 1, total);
        grads = Nd4j.create(type, 1, total);
        w = new INDArray[layers];
        b = new INDArray[layers];
        gw = new INDArray[layers];
        gb = new INDArray[layers];
        wAt = new long[layers];
        bAt = new long[layers];
        long at = 0;
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            wAt[l] = at;
            w[l] = slice(params, at, k, out, in);
            gw[l] = slice(grads, at, k, out, in);
            at += (long) k * out * in;
            bAt[l] = at;
            b[l] = slice(params, at, k, out);
            gb[l] = slice(grads, at, k, out);
            at += (long) k * out;
        }
        setRuns();
        long stateSize = updater.stateSize(total);
        stateBlocks = (int) (stateSize / total);
        state = stateSize == 0 ? null : Nd4j.create(type, 1, stateSize);
        this.updater = state == null ? updater.instantiate((INDArray) null, false) : updater.instantiate(state, true);
        lr = Nd4j.create(type, 1, total);
        for (int t = 0; t < k; t++) {
            double rate = rates[t];
            forEachSlice(t, (from, size) -> fill(lr, from, size, rate));
        }
    }

    /** Visits the slices {@code [from, from + size)} of the parameter row that hold trial t's parameters. */
    private void forEachSlice(int t, SliceVisitor visit) {
        for (int l = 0; l + 1 < widths.length; l++) {
            long wSize = (long) widths[l] * widths[l + 1];
            long bSize = widths[l + 1];
            visit.slice(wAt[l] + t * wSize, wSize);
            visit.slice(bAt[l] + t * bSize, bSize);
        }
    }

    @FunctionalInterface
    private interface SliceVisitor {
        void slice(long from, long size);
    }

    /** The working type of parameters and arithmetic. */
    DataType type() {
        return type;
    }

    /** Parameters of one network of {@code widths}: weights and biases of every layer. */
    static long parameters(int[] widths) {
        long p = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            p += (long) widths[l] * widths[l + 1] + widths[l + 1];
        }
        return p;
    }

    /**
     * Bytes one trial takes in a pack over passes of {@code rows} examples: parameters, gradients and updater state
     * ({@code stateBlocks} copies), each layer's pre-activations, activations and back-propagated errors, and
     * the loss's rows in double.
     */
    static long trialBytes(int[] widths, int rows, DataType type, int stateBlocks) {
        long units = 0;
        for (int l = 1; l < widths.length; l++) {
            units += widths[l];
        }
        long values = parameters(widths) * (2L + stateBlocks) + 3L * rows * units;
        long outputs = widths[widths.length - 1];
        return values * type.width() + 3L * rows * outputs * Double.BYTES;
    }

    /** Sets trial t's layer-l weights from DL4J's {@code in x out} matrix and its biases from {@code bias} ({@code out}). */
    void set(int t, int l, INDArray weights, INDArray bias) {
        w[l].get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all()).assign(weights.transpose());
        b[l].get(NDArrayIndex.point(t), NDArrayIndex.all()).assign(bias.reshape(bias.length()));
    }

    /**
     * One forward and backward pass over {@code x} ({@code [n, inputs]}) and its labels: writes each trial's loss
     * to {@code loss}, the L2 norm of its gradient to {@code gradNorm}, and leaves the gradient of
     * {@code scale[t]} times trial t's summed per-example loss in the gradient row (0 for a frozen trial, whose
     * errors so stay 0).
     *
     * @return the logits as the head read them ({@link PackedHead#apply}), or null
     */
    double[] pass(INDArray x, PackedHead.Labels labels, PackedHead head, double[] scale, double[] loss, double[] gradNorm) {
        int n = (int) x.rows();
        Pass p = forward(x);
        int layers = w.length;
        // Backward: g is the error at layer l's pre-activations.
        INDArray g = p.g[layers - 1];
        double[] live = scale.clone();
        for (int t = 0; t < k; t++) {
            if (frozen[t]) {
                live[t] = 0;
            }
        }
        double[] logits = head.apply(p.z[layers - 1], labels, live, g, loss);
        for (int l = layers - 1; l >= 0; l--) {
            if (l == 0) {
                Nd4j.gemm(g.reshape(k * (long) widths[1], n), x, gw[0].reshape(k * (long) widths[1], widths[0]),
                        false, false, 1.0, 0.0);
            } else {
                for (int r = 0; r < runs.length; r++) {
                    Nd4j.matmul(p.gr[l][r], p.ar[l - 1][r], gwr[l][r], false, true, false);
                }
            }
            // the bias gradients, each error row summed over the examples, as one GEMV g·1 (an eighth of a sum op's time)
            Nd4j.getBlasWrapper().level2().gemv('c', 'N', 1.0, g.reshape(k * (long) widths[l + 1], n), p.ones, 0.0,
                    gb[l].reshape(k * (long) widths[l + 1]));
            if (l > 0) {
                for (int r = 0; r < runs.length; r++) {
                    Nd4j.matmul(wr[l][r], p.gr[l][r], p.gr[l - 1][r], true, false, false);
                }
                backprop(p.z[l - 1], p.g[l - 1]);
                g = p.g[l - 1];
            }
        }
        double[] squares = new double[k];
        for (int l = 0; l < layers; l++) {
            addSquares(squares, gw[l].norm2(1, 2).toDoubleVector());
            addSquares(squares, gb[l].norm2(1).toDoubleVector());
        }
        for (int t = 0; t < k; t++) {
            gradNorm[t] = Math.sqrt(squares[t]);
        }
        return logits;
    }

    /**
     * The forward pass over {@code x} ({@code [n, inputs]}) into the arrays of a pass over n examples: pre-activations
     * z[l] and activations a[l] = act(z[l]) of the hidden layers, and the logits z[last] ({@code [K, outputs, n]}).
     */
    private Pass forward(INDArray x) {
        int n = (int) x.rows();
        Pass p = passes.computeIfAbsent(n, Pass::new);
        int layers = w.length;
        // Forward: pre-activations z[l] and activations a[l] = act(z[l]) of the hidden layers, logits z[last].
        Nd4j.gemm(w[0].reshape(k * (long) widths[1], widths[0]), x, p.z[0].reshape(k * (long) widths[1], n),
                false, true, 1.0, 0.0);
        for (int l = 0; l < layers; l++) {
            for (int r = 0; l > 0 && r < runs.length; r++) {
                Nd4j.matmul(wr[l][r], p.ar[l - 1][r], p.zr[l][r], false, false, false);
            }
            // z += b·1ᵀ, as one rank-1 GEMM over the whole stack (a third of a broadcast add's time)
            Nd4j.gemm(b[l].reshape(k * (long) widths[l + 1], 1), p.onesRow, p.z[l].reshape(k * (long) widths[l + 1], n),
                    false, false, 1.0, 1.0);
            if (l + 1 < layers) {
                activate(p.z[l], p.a[l]);
            }
        }
        return p;
    }

    /**
     * A forward pass over {@code x} ({@code [n, inputs]}) that writes each trial's unscaled loss on {@code labels}
     * to {@code loss}, leaving the parameters' gradient as it was.
     *
     * @return the logits as the head read them ({@link PackedHead#apply}), or null
     */
    double[] evaluate(INDArray x, PackedHead.Labels labels, PackedHead head, double[] loss) {
        Pass p = forward(x);
        int last = w.length - 1;
        return head.apply(p.z[last], labels, new double[k], p.g[last], loss);
    }

    /**
     * {@code a = act(z)}. ReLU (DL4J's default {@code ActivationReLU}) is one op from z into a, the op DL4J's
     * applies; any other activation is DL4J's own on a copy of z.
     */
    private void activate(INDArray z, INDArray a) {
        if (relu) {
            Nd4j.getExecutioner().exec(new RectifiedLinear(z, a, 0.0));
            return;
        }
        a.assign(z);
        INDArray activated = hidden.getActivation(a, true);
        if (activated != a) {
            a.assign(activated);
        }
    }

    /**
     * {@code error = act'(z) ⊙ error}, in place; z is overwritten (it is no longer needed). ReLU is its step
     * function times the error (DL4J's {@code backprop} allocates a new array for it each call); any other
     * activation is DL4J's {@code backprop}.
     */
    private void backprop(INDArray z, INDArray error) {
        if (relu) {
            // z > 0 as 1 or 0 in place of z, then a product: two vectorised passes, where DL4J's own derivative op
            // calls a std::function per element (four times as long)
            Nd4j.getExecutioner().exec(new Step(z, z, 0.0));
            error.muli(z);
            return;
        }
        INDArray back = hidden.backprop(z, error).getFirst();
        if (back != error) {
            error.assign(back);
        }
    }

    /** Applies the updater to the gradient of the last pass ({@code iteration} counts updates from 0). */
    void update(int iteration) {
        updater.applyUpdater(grads, iteration, 0);
        grads.muli(lr);
        params.subi(grads);
    }

    /** Per trial: null while its parameters are finite, else true if one is NaN, false if one is infinite. */
    Boolean[] nonFinite(boolean[] live) {
        double[] sums = new double[k];
        for (int l = 0; l < w.length; l++) {
            add(sums, w[l].sum(1, 2).toDoubleVector());
            add(sums, b[l].sum(1).toDoubleVector());
        }
        Boolean[] out = new Boolean[k];
        for (int t = 0; t < k; t++) {
            if (live[t] && !Double.isFinite(sums[t])) {
                boolean nan = false;
                for (int l = 0; l < w.length && !nan; l++) {
                    nan = BooleanIndexing.or(w[l].get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all()),
                            Conditions.isNan())
                            || BooleanIndexing.or(b[l].get(NDArrayIndex.point(t), NDArrayIndex.all()), Conditions.isNan());
                }
                out[t] = nan;
            }
        }
        return out;
    }

    /**
     * Stops trial t: zeroes its parameters, its gradient, its updater state, its learning rate and its slices of
     * every pass's arrays, and skips its per-trial GEMMs from now on, so that its slices stay finite and
     * unchanged (NaN would slow the others' ops down, though never change their values) and cost no GEMM time;
     * {@link #pass} scales its loss by 0 from now on, so its errors stay 0.
     */
    void freeze(int t) {
        frozen[t] = true;
        setRuns();
        for (Pass p : passes.values()) {
            for (int l = 0; l < w.length; l++) {
                trial(p.z[l], t).assign(0);
                trial(p.g[l], t).assign(0);
                if (p.a[l] != null) {
                    trial(p.a[l], t).assign(0);
                }
            }
        }
        long total = params.length();
        forEachSlice(t, (from, size) -> {
            for (INDArray row : new INDArray[] {params, grads, lr}) {
                fill(row, from, size, 0);
            }
            for (int s = 0; s < stateBlocks; s++) {
                fill(state, s * total + from, size, 0);
            }
        });
    }

    /** Recomputes the runs of live trials and the parameters' views over them. */
    private void setRuns() {
        ArrayList<int[]> found = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            if (frozen[t]) {
                continue;
            }
            int to = t;
            while (to < k && !frozen[to]) {
                to++;
            }
            found.add(new int[] {t, to});
            t = to;
        }
        runs = found.toArray(new int[0][]);
        wr = perRun(w);
        gwr = perRun(gw);
        passes.values().forEach(Pass::viewRuns);
    }

    /** Run by run, the {@code [to − from, rows, cols]} views of stacked {@code [K, rows, cols]} arrays. */
    private INDArray[][] perRun(INDArray[] stacked) {
        INDArray[][] out = new INDArray[stacked.length][];
        for (int l = 0; l < stacked.length; l++) {
            if (stacked[l] == null) {
                continue;
            }
            out[l] = new INDArray[runs.length];
            for (int r = 0; r < runs.length; r++) {
                out[l][r] = stacked[l].get(NDArrayIndex.interval(runs[r][0], runs[r][1]), NDArrayIndex.all(),
                        NDArrayIndex.all());
            }
        }
        return out;
    }

    /** Trial t's {@code [rows, cols]} matrix of a stacked {@code [K, rows, cols]} array (a view). */
    private static INDArray trial(INDArray stacked, int t) {
        return stacked.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
    }

    private static void fill(INDArray row, long from, long size, double value) {
        row.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + size)).assign(value);
    }

    private static void add(double[] into, double[] values) {
        for (int t = 0; t < into.length; t++) {
            into[t] += values[t];
        }
    }

    private static void addSquares(double[] into, double[] values) {
        for (int t = 0; t < into.length; t++) {
            into[t] += values[t] * values[t];
        }
    }

    private static INDArray slice(INDArray row, long from, long... shape) {
        long size = 1;
        for (long s : shape) {
            size *= s;
        }
        return row.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + size)).reshape('c', shape);
    }

    /** The arrays of a pass over n examples, allocated once per n. */
    private final class Pass {
        final INDArray[] z;
        final INDArray[] a;
        final INDArray[] g;
        /** The run views of z, a and g ({@link #perRun}) over the current runs of live trials. */
        INDArray[][] zr;
        INDArray[][] ar;
        INDArray[][] gr;
        /** n ones, as a row {@code [1, n]} and as a vector. */
        final INDArray onesRow;
        final INDArray ones;

        Pass(int n) {
            onesRow = Nd4j.ones(type, 1, n);
            ones = onesRow.reshape(n);
            int layers = widths.length - 1;
            z = new INDArray[layers];
            a = new INDArray[layers];
            g = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                z[l] = Nd4j.create(type, k, widths[l + 1], n);
                g[l] = Nd4j.create(type, k, widths[l + 1], n);
                if (l + 1 < layers) {
                    a[l] = Nd4j.create(type, k, widths[l + 1], n);
                }
            }
            viewRuns();
        }

        /** Takes the run views over the current runs of live trials. */
        void viewRuns() {
            zr = perRun(z);
            ar = perRun(a);
            gr = perRun(g);
        }
    }

    /** The widths of a network with {@code inputs}, the {@code hidden} widths and {@code outputs}. */
    static int[] widths(int inputs, List<Integer> hidden, int outputs) {
        int[] out = new int[hidden.size() + 2];
        out[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            out[i + 1] = hidden.get(i);
        }
        out[out.length - 1] = outputs;
        return out;
    }
}
