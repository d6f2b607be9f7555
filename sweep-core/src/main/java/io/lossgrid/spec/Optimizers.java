package io.lossgrid.spec;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaBelief;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * The optimizers a spec may name, each with its hyperparameters and their defaults (DL4J's own), and
 * the parser for one optimizer entry: a name ({@code adam}) or a map ({@code {name: adam, beta1: 0.8}}).
 */
public final class Optimizers {

    /** One optimizer a spec may name: its hyperparameters with defaults, and how to build it. */
    public record Kind(String name, Map<Hyper, Double> defaults, Function<Map<Hyper, Double>, Optimizer> factory) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        add("sgd", Map.of(), h -> new Optimizer.Sgd());
        add("nesterovs", Hyper.of(Hyper.MOMENTUM, Nesterovs.DEFAULT_NESTEROV_MOMENTUM),
                h -> new Optimizer.Nesterovs(h.get(Hyper.MOMENTUM)));
        add("adam", moments(Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON),
                h -> moments(Optimizer.Moments.Rule.ADAM, h));
        add("adamax", moments(AdaMax.DEFAULT_ADAMAX_BETA1_MEAN_DECAY, AdaMax.DEFAULT_ADAMAX_BETA2_VAR_DECAY,
                        AdaMax.DEFAULT_ADAMAX_EPSILON),
                h -> moments(Optimizer.Moments.Rule.ADAMAX, h));
        add("nadam", moments(Nadam.DEFAULT_NADAM_BETA1_MEAN_DECAY, Nadam.DEFAULT_NADAM_BETA2_VAR_DECAY,
                        Nadam.DEFAULT_NADAM_EPSILON),
                h -> moments(Optimizer.Moments.Rule.NADAM, h));
        add("amsgrad", moments(AMSGrad.DEFAULT_AMSGRAD_BETA1_MEAN_DECAY, AMSGrad.DEFAULT_AMSGRAD_BETA2_VAR_DECAY,
                        AMSGrad.DEFAULT_AMSGRAD_EPSILON),
                h -> moments(Optimizer.Moments.Rule.AMSGRAD, h));
        add("adabelief", moments(AdaBelief.DEFAULT_BETA1_MEAN_DECAY, AdaBelief.DEFAULT_BETA2_VAR_DECAY,
                        AdaBelief.DEFAULT_EPSILON),
                h -> moments(Optimizer.Moments.Rule.ADABELIEF, h));
        add("adagrad", Hyper.of(Hyper.EPSILON, AdaGrad.DEFAULT_ADAGRAD_EPSILON),
                h -> new Optimizer.AdaGrad(h.get(Hyper.EPSILON)));
        add("adadelta", Hyper.of(Hyper.RHO, AdaDelta.DEFAULT_ADADELTA_RHO, Hyper.EPSILON, AdaDelta.DEFAULT_ADADELTA_EPSILON),
                h -> new Optimizer.AdaDelta(h.get(Hyper.RHO), h.get(Hyper.EPSILON)));
        add("rmsprop", Hyper.of(Hyper.RMS_DECAY, RmsProp.DEFAULT_RMSPROP_RMSDECAY, Hyper.EPSILON, RmsProp.DEFAULT_RMSPROP_EPSILON),
                h -> new Optimizer.RmsProp(h.get(Hyper.RMS_DECAY), h.get(Hyper.EPSILON)));
    }

    private Optimizers() {
    }

    private static Map<Hyper, Double> moments(double beta1, double beta2, double epsilon) {
        return Hyper.of(Hyper.BETA1, beta1, Hyper.BETA2, beta2, Hyper.EPSILON, epsilon);
    }

    private static Optimizer moments(Optimizer.Moments.Rule rule, Map<Hyper, Double> h) {
        return new Optimizer.Moments(rule, h.get(Hyper.BETA1), h.get(Hyper.BETA2), h.get(Hyper.EPSILON));
    }

    private static void add(String name, Map<Hyper, Double> defaults, Function<Map<Hyper, Double>, Optimizer> factory) {
        KINDS.put(name, new Kind(name, Map.copyOf(defaults), factory));
    }

    /**
     * The JSON Schema of one optimizer entry: a name, or a map with {@code name} and that optimizer's
     * hyperparameters (each with its meaning, rule and DL4J's default).
     */
    public static Map<String, Object> schema() {
        List<Object> choices = new ArrayList<>();
        choices.add(io.lossgrid.base.Schemas.oneOfStrings(List.copyOf(KINDS.keySet())));
        for (Kind kind : KINDS.values()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("name", io.lossgrid.base.Schemas.constant(kind.name()));
            for (Hyper h : Hyper.values()) {
                Double d = kind.defaults().get(h);
                if (d != null) {
                    properties.put(h.key(), Map.of("type", "number", "description", h.doc() + " (" + h.rule() + ")",
                            "default", d));
                }
            }
            choices.add(Map.of("type", "object", "properties", properties, "required", List.of("name"),
                    "additionalProperties", false));
        }
        return Map.of("oneOf", choices);
    }

    /** Every optimizer a spec may name, in a fixed order. */
    public static List<Kind> kinds() {
        return List.copyOf(KINDS.values());
    }

    /** The optimizer named {@code name} with DL4J's default hyperparameters. */
    public static Optimizer byName(String name) {
        Kind kind = KINDS.get(name);
        if (kind == null) {
            throw new SpecException("optimizer", "must be one of " + String.join(", ", KINDS.keySet()),
                    SpecException.render(name), Suggest.didYouMean(name, KINDS.keySet()));
        }
        return kind.factory().apply(defaults(kind));
    }

    /** Parses one optimizer entry: a name, or a map with {@code name} and any of that optimizer's hyperparameters. */
    public static Optimizer parse(Node node) {
        if (!node.isMap()) {
            String name = node.string();
            Kind kind = kind(node, name);
            return node.build(() -> kind.factory().apply(defaults(kind)));
        }
        Object rawName = ((Map<?, ?>) node.raw()).get("name");
        if (rawName == null) {
            throw node.error("must name its optimizer with a \"name\" field");
        }
        Node nameNode = new Node(node.path() + ".name", rawName);
        Kind kind = kind(nameNode, nameNode.string());
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add("name");
        kind.defaults().keySet().forEach(h -> allowed.add(h.key()));
        Map<String, Node> fields = node.map(allowed);
        Map<Hyper, Double> values = defaults(kind);
        for (Hyper h : kind.defaults().keySet()) {
            Node v = fields.get(h.key());
            if (v != null) {
                values.put(h, v.number());
            }
        }
        return node.build(() -> kind.factory().apply(values));
    }

    private static Map<Hyper, Double> defaults(Kind kind) {
        Map<Hyper, Double> m = new EnumMap<>(Hyper.class);
        m.putAll(kind.defaults());
        return m;
    }

    private static Kind kind(Node node, String name) {
        Kind kind = KINDS.get(name);
        if (kind == null) {
            throw node.error("must be one of " + String.join(", ", KINDS.keySet()),
                    Suggest.didYouMean(name, new ArrayList<>(KINDS.keySet())));
        }
        return kind;
    }
}
