package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A network shape: dense hidden layers of the given widths (none for {@code linear}) followed by one
 * dense output layer whose activation the loss decides. Biases start at 0. Its fields are declared once
 * ({@link #LINEAR} and {@link #MLP} list them per type).
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

    private static final List<String> TYPES = List.of("linear", "mlp");

    public static final Field<String> TYPE = Field.required("type", Type.plain(Node::string, Schemas.oneOfStrings(TYPES)),
            "`linear`: one dense output layer, identity activation (PyTorch's nn.Linear); `mlp`: dense hidden layers "
                    + "before it").requiredAs("is required (linear or mlp)");
    public static final Field<String> NAME = Field.optional("name", Types.STRING, "a label for tables and reports",
            "`linear`, or `mlp-<widths>-<activation>` such as `mlp-32x32-relu`");
    public static final Field<List<Integer>> HIDDEN = Field.required("hidden",
                    Type.plain(n -> n.each(Node::intValue), Types.oneOrList(Map.of("type", "integer", "minimum", 1))),
                    "widths of the hidden layers of an `mlp`, such as [32, 32]")
            .requiredAs("is required for an mlp (widths such as [32, 32])")
            .rule("must be between 1 and 1000000", h -> h.stream().allMatch(w -> w >= 1 && w <= 1_000_000));
    public static final Field<Activation> ACTIVATION = Field.withDefault("activation",
            new Type<>(ModelSpec::activation, a -> a.name().toLowerCase(Locale.ROOT), Map.of("type", "string")),
            DEFAULT_ACTIVATION, "the hidden layers' activation: any DL4J activation (relu, tanh, sigmoid, ...)");
    public static final Field<WeightInit> WEIGHT_INIT = Field.withDefault("weightInit",
                    new Type<>(ModelSpec::weightInit, w -> w.name().toLowerCase(Locale.ROOT), Map.of("type", "string")),
                    DEFAULT_WEIGHT_INIT, "how weights start: any DL4J WeightInit (zero, xavier, relu, ...); biases start at 0")
            .rule("must not be distribution (it needs a distribution that a spec cannot give)",
                    w -> w != WeightInit.DISTRIBUTION);

    /** A {@code linear} model's map. */
    public static final Section LINEAR = Section.of(TYPE, NAME, WEIGHT_INIT);
    /** An {@code mlp} model's map. */
    public static final Section MLP = Section.of(TYPE, NAME, HIDDEN, ACTIVATION, WEIGHT_INIT);

    public ModelSpec {
        hidden = List.copyOf(hidden);
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) < 1 || hidden.get(i) > 1_000_000) {
                throw SpecException.of(HIDDEN.key() + "[" + i + "]", HIDDEN.rules().get(0).text(), hidden.get(i));
            }
        }
        WEIGHT_INIT.check(weightInit);
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

    /** The resolved model in declaration order: name first, then its type's fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(NAME.key(), name);
        m.putAll((hidden.isEmpty() ? LINEAR : MLP).write(this));
        return m;
    }

    /** The JSON Schema of one model map. */
    public static Map<String, Object> schema() {
        Map<String, Object> linear = Schemas.with(LINEAR.schema(), "properties", withType(LINEAR, "linear"));
        Map<String, Object> mlp = Schemas.with(MLP.schema(), "properties", withType(MLP, "mlp"));
        return Map.of("oneOf", List.of(linear, mlp));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withType(Section section, String type) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>((Map<String, Object>) section.schema().get("properties"));
        properties.put(TYPE.key(), Schemas.with(TYPE.schema(), "const", type));
        return properties;
    }

    static ModelSpec parse(Node node) {
        Map<?, ?> raw = node.isMap() ? (Map<?, ?>) node.raw() : Map.of();
        Object type = raw.get(TYPE.key());
        if (type == null) {
            throw node.isMap() ? new SpecException(node.path() + "." + TYPE.key(), TYPE.requirement(), "nothing")
                    : node.error("must be a map with a type (linear or mlp)");
        }
        Node typeNode = new Node(node.path() + "." + TYPE.key(), type);
        String t = typeNode.string();
        if (!TYPES.contains(t)) {
            throw typeNode.error("must be one of linear, mlp", Suggest.didYouMean(t, TYPES));
        }
        boolean mlp = t.equals("mlp");
        Section.Values v = (mlp ? MLP : LINEAR).read(node);
        List<Integer> hidden = mlp ? v.get(HIDDEN) : List.of();
        Activation activation = mlp ? v.get(ACTIVATION) : DEFAULT_ACTIVATION;
        WeightInit init = v.get(WEIGHT_INIT);
        String name = v.get(NAME);
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
