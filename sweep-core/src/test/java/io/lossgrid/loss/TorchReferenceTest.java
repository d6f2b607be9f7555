package io.lossgrid.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.base.Node;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Every loss equals PyTorch's (reduction 'mean'), value and gradient with respect to the logits, in
 * double and float, on the fixed inputs of {@code loss/torch_reference.py}, whose output
 * {@code loss/torch_reference.json} is committed beside it.
 */
class TorchReferenceTest {
    private static final double DOUBLE_TOLERANCE = 1e-12;
    private static final double FLOAT_TOLERANCE = 2e-6;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() throws IOException {
        try (InputStream in = TorchReferenceTest.class.getResourceAsStream("/loss/torch_reference.json")) {
            Map<String, Object> root = new ObjectMapper().readValue(in, Map.class);
            return (List<Map<String, Object>>) root.get("cases");
        }
    }

    static Stream<Arguments> referenceCases() throws IOException {
        return cases().stream().map(c -> {
            Loss loss = loss(c);
            return Arguments.of(loss.name() + " " + c.get("dtype"), loss, c);
        });
    }

    @SuppressWarnings("unchecked")
    static Loss loss(Map<String, Object> c) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", c.get("loss"));
        spec.putAll((Map<String, Object>) c.get("params"));
        return Loss.parse(Node.root(spec));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void theScoreAndGradientEqualPyTorchs(String label, Loss loss, Map<String, Object> c) {
        DataType type = "double".equals(c.get("dtype")) ? DataType.DOUBLE : DataType.FLOAT;
        double tolerance = type == DataType.DOUBLE ? DOUBLE_TOLERANCE : FLOAT_TOLERANCE;
        INDArray logits = matrix(c.get("logits"), type);
        INDArray labels = matrix(c.get("labels"), type);
        int n = (int) logits.rows();
        int m = (int) logits.columns();
        ILossFunction f = loss.lossFunction();
        IActivation activation = loss.outputActivation(m).getActivationFunction();

        double score = f.computeScore(labels, logits.dup(), activation, null, true);
        assertClose(((Number) c.get("value")).doubleValue(), score, tolerance, label + " value");

        // DL4J's gradient is n times that of the mean: the network divides it by the minibatch size.
        double[][] expected = rows(c.get("gradient"));
        double[][] gradient = f.computeGradient(labels, logits.dup(), activation, null).castTo(DataType.DOUBLE)
                .div(n).toDoubleMatrix();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                assertClose(expected[i][j], gradient[i][j], tolerance, label + " gradient[" + i + "][" + j + "]");
            }
        }
        // Per-example scores come back in the network's data type.
        double meanOfExamples = f.computeScoreArray(labels, logits.dup(), activation, null).castTo(DataType.DOUBLE)
                .meanNumber().doubleValue();
        assertClose(score, meanOfExamples, tolerance, label + " mean of the per-example scores");
    }

    @Test
    void theReferenceCoversEveryLossInBothPrecisions() throws IOException {
        List<String> seen = new ArrayList<>();
        for (Map<String, Object> c : cases()) {
            seen.add(c.get("loss") + " " + c.get("dtype"));
        }
        for (String name : Loss.NAMES) {
            assertTrue(seen.contains(name + " double"), name + " double missing from the reference");
            assertTrue(seen.contains(name + " float"), name + " float missing from the reference");
        }
    }

    private static void assertClose(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(1, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tolerance * scale,
                what + ": PyTorch " + expected + ", lossgrid " + actual + " (tolerance " + tolerance + ")");
    }

    private static INDArray matrix(Object rows, DataType type) {
        return Nd4j.create(rows(rows)).castTo(type);
    }

    @SuppressWarnings("unchecked")
    private static double[][] rows(Object rows) {
        List<List<Number>> list = (List<List<Number>>) rows;
        double[][] out = new double[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).stream().mapToDouble(Number::doubleValue).toArray();
        }
        return out;
    }
}
