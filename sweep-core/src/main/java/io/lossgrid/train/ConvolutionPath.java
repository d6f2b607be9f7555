package io.lossgrid.train;

import java.lang.reflect.Field;
import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * How a {@code cnn}'s convolution layers compute, on CPU with DL4J 1.0.0-M2. The one setting is the system
 * property {@value #PROPERTY}: {@code native} (the default) or {@code im2col}.
 *
 * <ul>
 *   <li>{@link #NATIVE}: ND4J's native {@code conv2d} and {@code conv2d_bp} operations, through DL4J's own
 *   {@link MKLDNNConvHelper}. DL4J 1.0.0-M2 never attaches that helper by itself: it creates helpers only when
 *   the system property {@code org.eclipse.deeplearning4j.helpers.disable} is {@code false}, and then keeps
 *   one only if {@code org.nd4j.nativeblas.Nd4jCpu$Environment} exists, a class nd4j-native 1.0.0-M2 moved
 *   to another package. This path attaches the helper to each convolution layer that has none.
 *   Measured in {@code docs/benchmarks.md} ("CNN"): about a fifth less CPU per epoch than {@link #IM2COL},
 *   the same curves to float rounding ({@code ConvolutionPathTest}).</li>
 *   <li>{@link #IM2COL}: DL4J's built-in layer, im2col into a permuted buffer, then a GEMM.</li>
 * </ul>
 */
public enum ConvolutionPath {
    NATIVE,
    IM2COL;

    /** The system property that chooses the path. */
    public static final String PROPERTY = "lossgrid.convolution";

    /**
     * The path {@value #PROPERTY} names, read when asked (a JVM's launcher sets it, or nobody does).
     *
     * @throws IllegalArgumentException naming the property, its values and the value found, when it names neither
     */
    public static ConvolutionPath configured() {
        String value = System.getProperty(PROPERTY, "native");
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "native" -> NATIVE;
            case "im2col" -> IM2COL;
            default -> throw new IllegalArgumentException("system property " + PROPERTY
                    + " must be native or im2col, found '" + value + "'");
        };
    }

    /** Makes the convolution layers of an initialised {@code net} compute along this path. */
    void apply(MultiLayerNetwork net) {
        if (this != NATIVE) {
            return;
        }
        for (Layer layer : net.getLayers()) {
            if (layer.getClass() == ConvolutionLayer.class && ((ConvolutionLayer) layer).getHelper() == null) {
                attach((ConvolutionLayer) layer, new MKLDNNConvHelper(layer.getParam("W").dataType()));
            }
        }
    }

    private static void attach(ConvolutionLayer layer, ConvolutionHelper helper) {
        try {
            Field field = ConvolutionLayer.class.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot attach ND4J's native convolution to DL4J's ConvolutionLayer (is "
                    + "DL4J not 1.0.0-M2?); set -D" + PROPERTY + "=im2col to use DL4J's built-in path", e);
        }
    }
}
