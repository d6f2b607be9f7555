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
import java.util.Objects;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A network shape: for {@code linear} and {@code mlp}, dense hidden layers of the given widths (none for
 * {@code linear}); for {@code cnn}, convolution blocks ({@link Convolution}) and then dense layers of the given
 * widths. One dense output layer follows, sized and activated by the loss. Biases start at 0. Its fields are
 * declared once ({@link #LINEAR}, {@link #MLP} and {@link #CNN} list them per type).
 *
 * @param name        a label for tables and reports; defaults to {@code linear}, {@code mlp-32x32-relu} or
 *                    {@code cnn(8-16,k3,p2,d32)}
 * @param hidden      widths of the dense hidden layers (a cnn's {@code dense}), empty for {@code linear}
 * @param activation  the hidden layers' activation (unused by {@code linear})
 * @param weightInit  how weights start: any DL4J {@link WeightInit} except those that need a distribution
 * @param convolution the convolution blocks of a {@code cnn}; null for {@code linear} and {@code mlp}
 */
public record ModelSpec(String name, List<Integer> hidden, Activation activation, WeightInit weightInit,
                        Convolution convolution) implements Serializable {

    public static final WeightInit DEFAULT_WEIGHT_INIT = WeightInit.XAVIER;
    public static final Activation DEFAULT_ACTIVATION = Activation.RELU;

    /** The weight initialisation of a {@code cnn} when the spec gives none (He initialisation suits relu). */
    public static final WeightInit DEFAULT_CNN_WEIGHT_INIT = WeightInit.RELU;
    public static final int DEFAULT_KERNEL = 3;
    public static final int DEFAULT_POOL = 2;
    /** The most filters one convolution block may have. */
    public static final int MAX_FILTERS = 100_000;

    private static final List<String> TYPES = List.of("linear", "mlp", "cnn");

    public static final Field<String> TYPE = Field.required("type", Type.plain(Node::string, Schemas.oneOfStrings(TYPES)),
            "`linear`: one dense output layer, identity activation (PyTorch's nn.Linear); `mlp`: dense hidden layers "
                    + "before it; `cnn`: convolution blocks, then dense layers, then it (needs image data)")
            .requiredAs("is required (linear, mlp or cnn)");
    public static final Field<String> NAME = Field.optional("name", Types.STRING, "a label for tables and reports",
            "`linear`, `mlp-<widths>-<activation>` such as `mlp-32x32-relu`, or the cnn's shape such as "
                    + "`cnn(8-16,k3,p2,d32)` (then `,bn`, `,drop0.5`, or its activation when not relu)");
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

    public static final Field<List<Integer>> CONV = Field.required("conv",
                    Type.plain(n -> n.each(Node::intValue), Types.oneOrList(Map.of("type", "integer", "minimum", 1))),
                    "a `cnn`'s convolution blocks, the filters of each, such as [8, 16]: a `kernel` x `kernel` "
                            + "convolution (stride 1, same padding), `batchNorm`, the activation, then `pool` x `pool` max "
                            + "pooling; a cnn's weightInit defaults to relu")
            .requiredAs("is required for a cnn (filters per block such as [8, 16])")
            .rule("must be between 1 and " + MAX_FILTERS, f -> f.stream().allMatch(w -> w >= 1 && w <= MAX_FILTERS));
    public static final Field<Integer> KERNEL = Field.withDefault("kernel", Types.INT, DEFAULT_KERNEL,
            "side of a `cnn`'s convolution kernels").rule("must be between 1 and 64", k -> k >= 1 && k <= 64);
    public static final Field<Integer> POOL = Field.withDefault("pool", Types.INT, DEFAULT_POOL,
            "side and stride of a `cnn`'s max pooling after each block; 1 for none")
            .rule("must be between 1 and 64", p -> p >= 1 && p <= 64);
    public static final Field<List<Integer>> DENSE = Field.withDefault("dense",
                    Type.plain(n -> n.each(Node::intValue), Types.oneOrList(Map.of("type", "integer", "minimum", 1))),
                    List.<Integer>of(), "widths of a `cnn`'s dense layers after the convolution blocks, such as [32]")
            .rule("must be between 1 and 1000000", h -> h.stream().allMatch(w -> w >= 1 && w <= 1_000_000))
            .heldIn("hidden");
    public static final Field<WeightInit> CNN_WEIGHT_INIT = Field.withDefault(WEIGHT_INIT.key(), WEIGHT_INIT.type(),
                    DEFAULT_CNN_WEIGHT_INIT, WEIGHT_INIT.doc())
            .rule(WEIGHT_INIT.rules().get(0).text(), w -> w != WeightInit.DISTRIBUTION);
    public static final Field<Boolean> BATCH_NORM = Field.withDefault("batchNorm",
            Type.plain(Node::bool, Map.of("type", "boolean")), false,
            "whether batch normalisation follows each convolution of a `cnn`");
    public static final Field<Double> DROPOUT = Field.withDefault("dropout", Types.NUMBER, 0.0,
                    "a `cnn`'s dropout before each dense layer: the probability of dropping an input, drawn from the trial's seed")
            .rule("must be in [0, 1)", d -> d >= 0 && d < 1);

    /** A {@code linear} model's map. */
    public static final Section LINEAR = Section.of(TYPE, NAME, WEIGHT_INIT);
    /** An {@code mlp} model's map. */
    public static final Section MLP = Section.of(TYPE, NAME, HIDDEN, ACTIVATION, WEIGHT_INIT);
    /** A {@code cnn} model's map. */
    public static final Section CNN = Section.of(TYPE, NAME, CONV, KERNEL, POOL, DENSE, ACTIVATION, CNN_WEIGHT_INIT,
            BATCH_NORM, DROPOUT);

    public ModelSpec {
        hidden = List.copyOf(hidden);
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) < 1 || hidden.get(i) > 1_000_000) {
                throw SpecException.of((convolution != null ? DENSE : HIDDEN).key() + "[" + i + "]", HIDDEN.rules().get(0).text(),
                        hidden.get(i));
            }
        }
        WEIGHT_INIT.check(weightInit);
        if (name == null || name.isBlank()) {
            name = convolution != null ? cnnName(convolution, hidden, activation) : hidden.isEmpty() ? "linear"
                    : "mlp-" + String.join("x", hidden.stream().map(String::valueOf).toList()) + "-"
                    + activation.name().toLowerCase(Locale.ROOT);
        }
    }

    /** A {@code linear} or {@code mlp} model (an mlp when {@code hidden} is not empty). */
    public ModelSpec(String name, List<Integer> hidden, Activation activation, WeightInit weightInit) {
        this(name, hidden, activation, weightInit, null);
    }

    /** A {@code cnn} model: the convolution blocks, then dense layers of widths {@code dense}. */
    public static ModelSpec cnn(String name, Convolution convolution, List<Integer> dense, Activation activation,
                                WeightInit weightInit) {
        return new ModelSpec(name, dense, activation, weightInit, Objects.requireNonNull(convolution, "convolution"));
    }

    /** {@code cnn(8-16,k3,p2,d32)}: filters, kernel, pool, dense widths, then what differs from the defaults. */
    private static String cnnName(Convolution c, List<Integer> dense, Activation activation) {
        StringBuilder b = new StringBuilder("cnn(").append(String.join("-", c.filters().stream().map(String::valueOf).toList()))
                .append(",k").append(c.kernel()).append(",p").append(c.pool());
        if (!dense.isEmpty()) {
            b.append(",d").append(String.join("-", dense.stream().map(String::valueOf).toList()));
        }
        if (c.batchNorm()) {
            b.append(",bn");
        }
        if (c.dropout() > 0) {
            b.append(",drop").append(c.dropout());
        }
        if (activation != DEFAULT_ACTIVATION) {
            b.append(",").append(activation.name().toLowerCase(Locale.ROOT));
        }
        return b.append(")").toString();
    }

    public static ModelSpec linear(WeightInit weightInit) {
        return new ModelSpec(null, List.of(), DEFAULT_ACTIVATION, weightInit);
    }

    /** {@code linear}, {@code mlp} or {@code cnn}. */
    public String type() {
        return convolution != null ? "cnn" : hidden.isEmpty() ? "linear" : "mlp";
    }

    /** True for a {@code linear} model: one dense layer, no hidden layers, no convolutions. */
    public boolean isLinear() {
        return convolution == null && hidden.isEmpty();
    }

    /** A cnn's filters per block (its {@code conv} field); null for other models. */
    public List<Integer> conv() {
        return convolution == null ? null : convolution.filters();
    }

    /** A cnn's kernel side; null for other models. */
    public Integer kernel() {
        return convolution == null ? null : convolution.kernel();
    }

    /** A cnn's pooling side; null for other models. */
    public Integer pool() {
        return convolution == null ? null : convolution.pool();
    }

    /** Whether a cnn normalises its batches; null for other models. */
    public Boolean batchNorm() {
        return convolution == null ? null : convolution.batchNorm();
    }

    /** A cnn's dropout; null for other models. */
    public Double dropout() {
        return convolution == null ? null : convolution.dropout();
    }

    /** The resolved model in declaration order: name first, then its type's fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(NAME.key(), name);
        m.putAll(section().write(this));
        return m;
    }

    private Section section() {
        return convolution != null ? CNN : hidden.isEmpty() ? LINEAR : MLP;
    }

    /** The JSON Schema of one model map. */
    public static Map<String, Object> schema() {
        Map<String, Object> linear = Schemas.with(LINEAR.schema(), "properties", withType(LINEAR, "linear"));
        Map<String, Object> mlp = Schemas.with(MLP.schema(), "properties", withType(MLP, "mlp"));
        Map<String, Object> cnn = Schemas.with(CNN.schema(), "properties", withType(CNN, "cnn"));
        return Map.of("oneOf", List.of(linear, mlp, cnn));
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
                    : node.error("must be a map with a type (linear, mlp or cnn)");
        }
        Node typeNode = new Node(node.path() + "." + TYPE.key(), type);
        String t = typeNode.string();
        if (!TYPES.contains(t)) {
            throw typeNode.error("must be one of linear, mlp, cnn", Suggest.didYouMean(t, TYPES));
        }
        if (t.equals("cnn")) {
            return parseCnn(node);
        }
        boolean mlp = t.equals("mlp");
        Section.Values v = (mlp ? MLP : LINEAR).read(node);
        List<Integer> hidden = mlp ? v.get(HIDDEN) : List.of();
        Activation activation = mlp ? v.get(ACTIVATION) : DEFAULT_ACTIVATION;
        WeightInit init = v.get(WEIGHT_INIT);
        String name = v.get(NAME);
        return node.build(() -> new ModelSpec(name, hidden, activation, init));
    }

    private static ModelSpec parseCnn(Node node) {
        Section.Values v = CNN.read(node);
        List<Integer> filters = v.get(CONV);
        int kernel = v.get(KERNEL);
        int pool = v.get(POOL);
        boolean batchNorm = v.get(BATCH_NORM);
        double dropout = v.get(DROPOUT);
        List<Integer> dense = v.get(DENSE);
        Activation activation = v.get(ACTIVATION);
        WeightInit init = v.get(CNN_WEIGHT_INIT);
        String name = v.get(NAME);
        return node.build(() -> cnn(name, new Convolution(filters, kernel, pool, batchNorm, dropout), dense, activation, init));
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
