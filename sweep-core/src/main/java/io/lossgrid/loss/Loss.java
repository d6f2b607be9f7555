package io.lossgrid.loss;

import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * One value of the loss axis: a loss with its parameters, each equal to its PyTorch counterpart with
 * {@code reduction='mean'} (value and gradient). Each variant validates its parameters when constructed
 * and reports a broken rule as a one-line {@link SpecException} with a path relative to the loss
 * ({@code gamma must be >= 0 and finite, found -1}).
 *
 * <p>Spec syntax ({@link #parse}): a name ({@code loss: bce}) or a map
 * ({@code loss: {name: focal, gamma: 2.0, balance: 0.25}}).
 */
public sealed interface Loss extends Serializable {

    /** The names a spec may use, in a fixed order. */
    List<String> NAMES = List.of("mse", "mae", "xent", "bce", "focal");

    /** The name with its parameters, for the {@code loss} column: {@code mse}, {@code focal(gamma=2.0, balance=0.25)}. */
    String name();

    /** The output layer's activation for a network of {@code outputs} outputs. */
    Activation outputActivation(int outputs);

    /** A new, unscaled DL4J loss function (the trainer wraps it in its α-scaling). */
    ILossFunction lossFunction();

    /** True when the label is a class rather than a value to regress. */
    boolean classifier();

    /** What the label matrix must hold. */
    Labels labels();

    /**
     * The class weights this loss was given, one per class (so their count fixes the number of classes);
     * empty where it has none or takes none.
     */
    default List<Double> classWeights() {
        return List.of();
    }

    /**
     * The loss as a spec writes it, for {@code sweep.json} and trial ids: its name alone when it has no
     * parameters ({@code mse}, {@code bce}), else a map of {@code name} and its parameters in a fixed order
     * ({@code {name: focal, gamma: 2.0, balance: 0.25}}). {@link #parse} reads it back to an equal loss.
     */
    Object toSpec();

    /**
     * The per-element form of this loss for a network of {@code outputs} outputs, where the loss is the mean
     * over all elements of one function of a logit and its label ({@code mse}, {@code mae}, {@code bce},
     * one-output {@code focal}); empty for the softmax losses ({@code xent}, {@code focal} with two or more
     * outputs), whose softmax couples the outputs of a row. A packed runner can pack exactly the losses that
     * have one.
     */
    Optional<Elementwise> elementwise(int outputs);

    /**
     * Checks the parameters against the number of outputs the data gives the network.
     *
     * @throws SpecException with a path relative to the loss, e.g. {@code classWeights must hold one weight per
     *                       class (3 classes), found 2 weights}
     */
    default void checkOutputs(int outputs) {
        if (outputs < 1) {
            throw new SpecException("", "needs at least one output", String.valueOf(outputs));
        }
    }

    /** Mean squared error, PyTorch's {@code MSELoss}; identity output. */
    record Mse() implements Loss {
        public String name() {
            return "mse";
        }

        public Activation outputActivation(int outputs) {
            return Activation.IDENTITY;
        }

        /** DL4J's own: per example the mean over outputs, then the mean over examples, gradient 2(z − y)/m per example. */
        public ILossFunction lossFunction() {
            return new LossMSE();
        }

        public boolean classifier() {
            return false;
        }

        public Labels labels() {
            return Labels.VALUES;
        }

        public Object toSpec() {
            return name();
        }

        public Optional<Elementwise> elementwise(int outputs) {
            return Optional.of(new Elementwise.SquaredError());
        }
    }

    /** Mean absolute error, PyTorch's {@code L1Loss}; identity output. */
    record Mae() implements Loss {
        public String name() {
            return "mae";
        }

        public Activation outputActivation(int outputs) {
            return Activation.IDENTITY;
        }

        public ILossFunction lossFunction() {
            return new LossMae();
        }

        public boolean classifier() {
            return false;
        }

        public Labels labels() {
            return Labels.VALUES;
        }

        public Object toSpec() {
            return name();
        }

        public Optional<Elementwise> elementwise(int outputs) {
            return Optional.of(new Elementwise.AbsoluteError());
        }
    }

    /**
     * Softmax cross-entropy over classes, PyTorch's {@code CrossEntropyLoss}; softmax output.
     *
     * @param classWeights one weight per class, each > 0 and finite (PyTorch's {@code weight}); empty for none
     */
    record Xent(List<Double> classWeights) implements Loss {
        public Xent {
            classWeights = List.copyOf(classWeights);
            Checks.weights("classWeights", classWeights);
        }

        /** Without class weights. */
        public Xent() {
            this(List.of());
        }

        public String name() {
            return classWeights.isEmpty() ? "xent" : "xent(classWeights=" + classWeights + ")";
        }

        public Activation outputActivation(int outputs) {
            return Activation.SOFTMAX;
        }

        public ILossFunction lossFunction() {
            return new LossXent(array(classWeights));
        }

        public boolean classifier() {
            return true;
        }

        public Labels labels() {
            return Labels.ONE_HOT;
        }

        public Object toSpec() {
            if (classWeights.isEmpty()) {
                return "xent";
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", "xent");
            m.put("classWeights", classWeights);
            return m;
        }

        public Optional<Elementwise> elementwise(int outputs) {
            return Optional.empty();
        }

        @Override
        public void checkOutputs(int outputs) {
            if (outputs < 2) {
                throw new SpecException("", "needs at least two classes", outputs + " output");
            }
            Loss.checkClassWeights(classWeights, outputs);
        }
    }

    /**
     * Binary cross-entropy on logits, PyTorch's {@code BCEWithLogitsLoss}; identity output, labels 0/1.
     *
     * @param posWeight the weight of positive examples (PyTorch's {@code pos_weight}), > 0 and finite; 1 for none
     */
    record Bce(double posWeight) implements Loss {
        public Bce {
            Checks.positive("posWeight", posWeight);
        }

        /** Without a positive weight. */
        public Bce() {
            this(1.0);
        }

        public String name() {
            return posWeight == 1.0 ? "bce" : "bce(posWeight=" + posWeight + ")";
        }

        public Activation outputActivation(int outputs) {
            return Activation.IDENTITY;
        }

        public ILossFunction lossFunction() {
            return new LossBceWithLogits(posWeight);
        }

        public boolean classifier() {
            return true;
        }

        public Labels labels() {
            return Labels.BINARY;
        }

        public Object toSpec() {
            if (posWeight == 1.0) {
                return "bce";
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", "bce");
            m.put("posWeight", posWeight);
            return m;
        }

        public Optional<Elementwise> elementwise(int outputs) {
            return Optional.of(new Elementwise.BceWithLogits(posWeight));
        }
    }

    /**
     * Focal loss: with one output torchvision's {@code sigmoid_focal_loss} (identity output, labels 0/1),
     * with K ≥ 2 outputs the softmax focal loss (softmax output, one-hot labels); see {@link LossFocal}.
     *
     * @param gamma        the focusing exponent, >= 0 and finite; 2.0 when the spec leaves it out
     * @param balance      the weight of positives in [0, 1] (torchvision's {@code alpha}); null for no balancing
     * @param classWeights one weight per class, each > 0 and finite, for K ≥ 2 outputs; empty for none
     */
    record Focal(double gamma, Double balance, List<Double> classWeights) implements Loss {
        /** torchvision's default focusing exponent. */
        public static final double DEFAULT_GAMMA = 2.0;

        public Focal {
            Checks.gamma("gamma", gamma);
            if (balance != null) {
                Checks.unit("balance", balance);
            }
            classWeights = List.copyOf(classWeights);
            Checks.weights("classWeights", classWeights);
            if (balance != null && !classWeights.isEmpty()) {
                throw SpecException.of("balance", "applies to one output and classWeights to two or more, so they cannot"
                        + " both be given", balance);
            }
        }

        public String name() {
            StringBuilder sb = new StringBuilder("focal(gamma=").append(gamma);
            if (balance != null) {
                sb.append(", balance=").append(balance);
            }
            if (!classWeights.isEmpty()) {
                sb.append(", classWeights=").append(classWeights);
            }
            return sb.append(')').toString();
        }

        public Activation outputActivation(int outputs) {
            return outputs == 1 ? Activation.IDENTITY : Activation.SOFTMAX;
        }

        public ILossFunction lossFunction() {
            return new LossFocal(gamma, balance, array(classWeights));
        }

        public boolean classifier() {
            return true;
        }

        public Labels labels() {
            return Labels.BINARY_OR_ONE_HOT;
        }

        /** Always a map: {@code gamma} is part of the name even at its default. */
        public Object toSpec() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", "focal");
            m.put("gamma", gamma);
            if (balance != null) {
                m.put("balance", balance);
            }
            if (!classWeights.isEmpty()) {
                m.put("classWeights", classWeights);
            }
            return m;
        }

        /** The sigmoid focal loss's element for one output; none for the softmax focal loss. */
        public Optional<Elementwise> elementwise(int outputs) {
            return outputs == 1 ? Optional.of(new Elementwise.SigmoidFocal(gamma, balance == null ? Double.NaN : balance))
                    : Optional.empty();
        }

        @Override
        public void checkOutputs(int outputs) {
            Loss.super.checkOutputs(outputs);
            if (outputs == 1 && !classWeights.isEmpty()) {
                throw new SpecException("classWeights", "apply to two or more outputs (softmax focal), not to one output"
                        + " (sigmoid focal); use balance", String.valueOf(classWeights));
            }
            if (outputs >= 2 && balance != null) {
                throw SpecException.of("balance", "applies to one output (sigmoid focal), not to " + outputs
                        + " outputs (softmax focal); use classWeights", balance);
            }
            Loss.checkClassWeights(classWeights, outputs);
        }
    }

    /**
     * Parses one loss entry: a name ({@code bce}) or a map with {@code name} and that loss's parameters
     * ({@code {name: focal, gamma: 2.0, balance: 0.25}}). Errors name the path of the offending field.
     */
    static Loss parse(Node node) {
        if (!node.isMap()) {
            String name = node.string();
            known(node, name);
            return switch (name) {
                case "mse" -> new Mse();
                case "mae" -> new Mae();
                case "xent" -> new Xent();
                case "bce" -> new Bce();
                default -> node.build(() -> new Focal(Focal.DEFAULT_GAMMA, null, List.of()));
            };
        }
        Object rawName = ((Map<?, ?>) node.raw()).get("name");
        if (rawName == null) {
            throw node.error("must name its loss with a \"name\" field (one of " + String.join(", ", NAMES) + ")");
        }
        Node nameNode = new Node(node.path().isEmpty() ? "name" : node.path() + ".name", rawName);
        String name = nameNode.string();
        known(nameNode, name);
        Map<String, Node> f = node.map(switch (name) {
            case "xent" -> Set.of("name", "classWeights");
            case "bce" -> Set.of("name", "posWeight");
            case "focal" -> Set.of("name", "gamma", "balance", "classWeights");
            default -> Set.of("name");
        });
        return switch (name) {
            case "mse" -> new Mse();
            case "mae" -> new Mae();
            case "xent" -> {
                List<Double> weights = weights(f.get("classWeights"));
                yield node.build(() -> new Xent(weights));
            }
            case "bce" -> {
                double posWeight = f.containsKey("posWeight") ? f.get("posWeight").number() : 1.0;
                yield node.build(() -> new Bce(posWeight));
            }
            default -> {
                double gamma = f.containsKey("gamma") ? f.get("gamma").number() : Focal.DEFAULT_GAMMA;
                Double balance = f.containsKey("balance") ? f.get("balance").number() : null;
                List<Double> weights = weights(f.get("classWeights"));
                yield node.build(() -> new Focal(gamma, balance, weights));
            }
        };
    }

    /**
     * The JSON Schema of one loss entry: a name, or a map with {@code name} and that loss's parameters
     * (each with its meaning and rule).
     */
    static Map<String, Object> schema() {
        Map<String, Object> weights = Map.of("type", "array", "minItems", 1, "items", Map.of("type", "number",
                "exclusiveMinimum", 0), "description", "one weight per class, each > 0 and finite (PyTorch's weight)");
        List<Object> choices = new ArrayList<>();
        choices.add(Schemas.oneOfStrings(NAMES));
        choices.add(object("mse", Map.of()));
        choices.add(object("mae", Map.of()));
        choices.add(object("xent", Map.of("classWeights", weights)));
        choices.add(object("bce", Map.of("posWeight", Map.of("type", "number", "exclusiveMinimum", 0, "default", 1.0,
                "description", "the weight of positive examples (PyTorch's pos_weight), > 0 and finite"))));
        Map<String, Object> focal = new LinkedHashMap<>();
        focal.put("gamma", Map.of("type", "number", "minimum", 0, "default", Focal.DEFAULT_GAMMA,
                "description", "the focusing exponent, >= 0 and finite"));
        focal.put("balance", Map.of("type", "number", "minimum", 0, "maximum", 1,
                "description", "one output only: the weight of positives in [0, 1] (torchvision's alpha); absent: none"));
        focal.put("classWeights", weights);
        choices.add(object("focal", focal));
        return Map.of("oneOf", choices);
    }

    private static Map<String, Object> object(String name, Map<String, Object> parameters) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", Schemas.constant(name));
        properties.putAll(parameters);
        return Map.of("type", "object", "properties", properties, "required", List.of("name"),
                "additionalProperties", false);
    }

    private static void known(Node node, String name) {
        if (!NAMES.contains(name)) {
            throw node.error("must be one of " + String.join(", ", NAMES), Suggest.didYouMean(name, new TreeSet<>(NAMES)));
        }
    }

    private static List<Double> weights(Node node) {
        if (node == null) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (Node w : node.list()) {
            out.add(w.number());
        }
        return out;
    }

    private static void checkClassWeights(List<Double> classWeights, int outputs) {
        if (!classWeights.isEmpty() && classWeights.size() != outputs) {
            throw new SpecException("classWeights", "must hold one weight per class (" + outputs + " classes)",
                    classWeights.size() + " weights");
        }
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
