package io.lossgrid.spec;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A network shape: dense hidden layers of the given widths (none for {@code linear}) followed by one
 * dense output layer whose activation the loss decides. Biases start at 0.
 *
 * @param name       a label for tables and reports; defaults to {@code linear} or {@code mlp-32x32-relu}
 * @param hidden     widths of the hidden layers, empty for {@code linear}
 * @param activation the hidden layers' activation (unused by {@code linear})
 * @param weightInit how weights start: any DL4J {@link WeightInit} except those that need a distribution
 */
public record ModelSpec(String name, List<Integer> hidden, Activation activation, WeightInit weightInit)
        implements Serializable {

    public static final WeightInit DEFAULT_WEIGHT_INIT = WeightInit.XAVIER;
    public static final Activation DEFAULT_ACTIVATION = Activation.RELU;

    public ModelSpec {
        hidden = List.copyOf(hidden);
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) < 1 || hidden.get(i) > 1_000_000) {
                throw SpecException.of("hidden[" + i + "]", "must be between 1 and 1000000", hidden.get(i));
            }
        }
        if (weightInit == WeightInit.DISTRIBUTION) {
            throw SpecException.of("weightInit", "must not be distribution (it needs a distribution that a spec cannot give)",
                    "distribution");
        }
        if (name == null || name.isBlank()) {
            name = hidden.isEmpty() ? "linear" : "mlp-" + String.join("x", hidden.stream().map(String::valueOf).toList())
                    + "-" + activation.name().toLowerCase(Locale.ROOT);
        }
    }

    public static ModelSpec linear(WeightInit weightInit) {
        return new ModelSpec(null, List.of(), DEFAULT_ACTIVATION, weightInit);
    }

    /** {@code linear} or {@code mlp}. */
    public String type() {
        return hidden.isEmpty() ? "linear" : "mlp";
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type());
        if (!hidden.isEmpty()) {
            m.put("hidden", hidden);
            m.put("activation", activation.name().toLowerCase(Locale.ROOT));
        }
        m.put("weightInit", weightInit.name().toLowerCase(Locale.ROOT));
        return m;
    }

    static ModelSpec parse(Node node) {
        Map<?, ?> raw = node.isMap() ? (Map<?, ?>) node.raw() : Map.of();
        Object type = raw.get("type");
        if (type == null) {
            throw node.isMap() ? new SpecException(node.path() + ".type", "is required (linear or mlp)", "nothing")
                    : node.error("must be a map with a type (linear or mlp)");
        }
        Node typeNode = new Node(node.path() + ".type", type);
        String t = typeNode.string();
        boolean mlp;
        if (t.equals("mlp")) {
            mlp = true;
        } else if (t.equals("linear")) {
            mlp = false;
        } else {
            throw typeNode.error("must be one of linear, mlp", Suggest.didYouMean(t, List.of("linear", "mlp")));
        }
        Map<String, Node> f = node.map(mlp ? Set.of("type", "name", "hidden", "activation", "weightInit")
                : Set.of("type", "name", "weightInit"));
        List<Integer> hidden = new ArrayList<>();
        if (mlp) {
            Node h = f.get("hidden");
            if (h == null) {
                throw new SpecException(node.path() + ".hidden", "is required for an mlp (widths such as [32, 32])", "nothing");
            }
            hidden.addAll(h.each(Node::intValue));
        }
        Activation activation = f.containsKey("activation") ? activation(f.get("activation")) : DEFAULT_ACTIVATION;
        WeightInit init = f.containsKey("weightInit") ? weightInit(f.get("weightInit")) : DEFAULT_WEIGHT_INIT;
        String name = f.containsKey("name") ? f.get("name").string() : null;
        return node.build(() -> new ModelSpec(name, hidden, activation, init));
    }

    private static Activation activation(Node node) {
        String s = node.string();
        try {
            return Activation.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(Activation.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
            throw node.error("must be a DL4J activation such as relu, tanh, sigmoid, leakyrelu, elu, identity",
                    Suggest.didYouMean(s, names));
        }
    }

    private static WeightInit weightInit(Node node) {
        String s = node.string();
        try {
            return WeightInit.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(WeightInit.values()).map(w -> w.name().toLowerCase(Locale.ROOT)).toList();
            throw node.error("must be a DL4J WeightInit name such as zero, xavier, relu, lecun_normal, ones",
                    Suggest.didYouMean(s, names));
        }
    }
}
