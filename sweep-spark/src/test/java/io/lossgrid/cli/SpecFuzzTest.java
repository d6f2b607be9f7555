package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A few hundred malformed specs, generated from a valid one by mutations that each break a rule (wrong
 * types, missing or unknown keys, out-of-range values, empty axes, unknown names, broken YAML, missing
 * files or columns, too many trials). Every one must be refused the way a user sees it: exit status 2,
 * one line on stderr naming the problem, no stack trace, and no output directory.
 */
class SpecFuzzTest {
    static final int CASES = 300;

    @TempDir
    Path tmp;

    static Map<String, Object> base() {
        return new Yaml().load("""
                name: fuzz
                data: {synthetic: {generator: linear, samples: 20, noise: 0.1, seed: 1}}
                model: {type: mlp, hidden: [4], activation: tanh, weightInit: xavier}
                loss: mse
                training: {epochs: 3, batchSize: 8}
                grid:
                  alpha: [0.1, 1]
                  learningRate: {log: [0.001, 0.1], steps: 3}
                  optimizer: [sgd, {name: adam, beta1: 0.9}]
                  seed: [1, 2]
                convergence: {tolerance: 0.01, explosionFactor: 100}
                limits: {maxTrials: 1000}
                """);
    }

    /** A mutation that makes a valid spec tree (or its text) invalid, and what it did. */
    record Mutation(String name, Function<Random, String> apply) {
    }

    static String dump(Map<String, Object> tree) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        return new Yaml(o).dump(tree);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> tree, String... path) {
        Map<String, Object> m = tree;
        for (String p : path) {
            m = (Map<String, Object>) m.get(p);
        }
        return m;
    }

    static <T> T pick(Random r, List<T> xs) {
        return xs.get(r.nextInt(xs.size()));
    }

    static List<Mutation> mutations() {
        List<Mutation> ms = new ArrayList<>();
        ms.add(new Mutation("drop a required section", r -> {
            Map<String, Object> t = base();
            t.remove(pick(r, List.of("name", "data", "model", "loss", "training", "grid")));
            return dump(t);
        }));
        ms.add(new Mutation("drop a required field", r -> {
            Map<String, Object> t = base();
            switch (r.nextInt(4)) {
                case 0 -> at(t, "training").remove("epochs");
                case 1 -> at(t, "grid").remove("learningRate");
                case 2 -> at(t, "grid").remove("optimizer");
                default -> at(t, "model").remove("type");
            }
            return dump(t);
        }));
        ms.add(new Mutation("add an unknown key", r -> {
            Map<String, Object> t = base();
            String[][] places = {{}, {"training"}, {"grid"}, {"model"}, {"convergence"}, {"limits"}, {"data", "synthetic"}};
            String key = pick(r, List.of("epoch", "learningrate", "alphas", "optimiser", "seeds", "lr", "hiden", "zzz"));
            at(t, places[r.nextInt(places.length)]).put(key, 1);
            return dump(t);
        }));
        ms.add(new Mutation("a word where a number belongs", r -> {
            Map<String, Object> t = base();
            Object bad = pick(r, List.of("abc", "1,2", "ten", "", "NaN-ish"));
            switch (r.nextInt(5)) {
                case 0 -> at(t, "training").put("epochs", bad);
                case 1 -> at(t, "grid").put("alpha", List.of(1, bad));
                case 2 -> at(t, "data", "synthetic").put("samples", bad);
                case 3 -> at(t, "convergence").put("tolerance", bad);
                default -> at(t, "grid").put("seed", List.of(bad));
            }
            return dump(t);
        }));
        ms.add(new Mutation("a value out of range", r -> {
            Map<String, Object> t = base();
            switch (r.nextInt(9)) {
                case 0 -> at(t, "grid").put("alpha", List.of(1, pick(r, List.of(0, -1, -0.5))));
                case 1 -> at(t, "grid").put("learningRate", List.of(pick(r, List.of(0, -0.1, -10))));
                case 2 -> at(t, "training").put("epochs", pick(r, List.of(0, -3, 2_000_000)));
                case 3 -> at(t, "training").put("batchSize", pick(r, List.of(0, -8)));
                case 4 -> at(t, "data", "synthetic").put("samples", pick(r, List.of(0, -20)));
                case 5 -> at(t, "grid").put("optimizer", List.of(Map.of("name", "adam", "beta1", pick(r, List.of(1, 1.5, -0.1)))));
                case 6 -> at(t, "grid").put("optimizer", List.of(Map.of("name", "rmsprop", "epsilon", pick(r, List.of(0, -1e-8)))));
                case 7 -> at(t, "convergence").put("tolerance", pick(r, List.of(0, 1, 2)));
                default -> at(t, "model").put("hidden", List.of(4, pick(r, List.of(0, -2))));
            }
            return dump(t);
        }));
        ms.add(new Mutation("an empty axis", r -> {
            Map<String, Object> t = base();
            at(t, "grid").put(pick(r, List.of("alpha", "learningRate", "optimizer", "seed")), List.of());
            return dump(t);
        }));
        ms.add(new Mutation("an unknown name", r -> {
            Map<String, Object> t = base();
            switch (r.nextInt(6)) {
                case 0 -> at(t, "grid").put("optimizer", List.of(pick(r, List.of("adamm", "sgdd", "lbfgs", "Adam"))));
                case 1 -> at(t, "model").put("type", pick(r, List.of("cnn", "Linear", "mlpp")));
                case 2 -> t.put("loss", pick(r, List.of("huber", "MSE", "hinge")));
                case 3 -> at(t, "data", "synthetic").put("generator", pick(r, List.of("moons", "line")));
                case 4 -> at(t, "model").put("activation", pick(r, List.of("relu6x", "gelu2")));
                default -> at(t, "model").put("weightInit", pick(r, List.of("glorot", "zeros", "distribution")));
            }
            return dump(t);
        }));
        ms.add(new Mutation("an unknown hyperparameter", r -> {
            Map<String, Object> t = base();
            at(t, "grid").put("optimizer", List.of(Map.of("name", pick(r, List.of("sgd", "adagrad", "nesterovs")),
                    pick(r, List.of("beta1", "momentum2", "rho", "decay")), 0.5)));
            return dump(t);
        }));
        ms.add(new Mutation("a scalar or list where a map belongs", r -> {
            Map<String, Object> t = base();
            t.put(pick(r, List.of("data", "model", "training", "grid", "convergence", "limits")),
                    pick(r, List.<Object>of(5, "text", List.of(1, 2))));
            return dump(t);
        }));
        ms.add(new Mutation("duplicate values on an axis", r -> {
            Map<String, Object> t = base();
            switch (r.nextInt(3)) {
                case 0 -> at(t, "grid").put("alpha", List.of(1, 10, 1));
                case 1 -> at(t, "grid").put("seed", List.of(3, 3));
                default -> at(t, "grid").put("optimizer", List.of("sgd", "adam", "sgd"));
            }
            return dump(t);
        }));
        ms.add(new Mutation("a bad range", r -> {
            Map<String, Object> t = base();
            Map<String, Object> range = new LinkedHashMap<>();
            switch (r.nextInt(4)) {
                case 0 -> { range.put("log", List.of(0, 0.1)); range.put("steps", 3); }
                case 1 -> { range.put("log", List.of(0.001, 0.1)); range.put("steps", 0); }
                case 2 -> range.put("log", List.of(0.001, 0.1));
                default -> { range.put("linear", List.of(0.1)); range.put("steps", 2); }
            }
            at(t, "grid").put("learningRate", range);
            return dump(t);
        }));
        ms.add(new Mutation("a missing CSV file or column", r -> {
            Map<String, Object> t = base();
            Map<String, Object> csv = new LinkedHashMap<>();
            csv.put("csv", r.nextBoolean() ? "missing-" + r.nextInt(1000) + ".csv" : "present.csv");
            csv.put("features", List.of(r.nextBoolean() ? "x" : "nope"));
            csv.put("label", "absent");
            t.put("data", csv);
            return dump(t);
        }));
        ms.add(new Mutation("more trials than the cap", r -> {
            Map<String, Object> t = base();
            at(t, "limits").put("maxTrials", 1 + r.nextInt(20));
            return dump(t);
        }));
        ms.add(new Mutation("broken YAML", r -> {
            String text = dump(base());
            return switch (r.nextInt(5)) {
                case 0 -> text.replaceFirst("\\{", "{{");
                case 1 -> text.substring(0, text.length() / 2 + r.nextInt(text.length() / 3));
                case 2 -> "name: a\nname: b\n" + text.substring(text.indexOf(", data"));
                case 3 -> "\t" + text;
                default -> text.replace(": ", ":: ");
            };
        }));
        return ms;
    }

    @Test
    void everyGeneratedMalformedSpecIsRefusedWithStatusTwoAndOneLineAndNothingWritten() throws IOException {
        Files.writeString(tmp.resolve("present.csv"), "x,y\n0,1\n1,3\n");
        List<Mutation> ms = mutations();
        Random random = new Random(20261124L);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < CASES; i++) {
            Mutation m = ms.get(i % ms.size());
            String text = m.apply().apply(random);
            Path spec = tmp.resolve("case-" + i + ".yaml");
            Files.writeString(spec, text);
            Path out = tmp.resolve("out-" + i);
            StringWriter err = new StringWriter();
            int status = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    "run", spec.toString(), "--out", out.toString());
            String why = "case " + i + " (" + m.name() + "):\n" + text + "\nstderr: " + err;
            assertEquals(2, status, why);
            String message = err.toString();
            assertEquals(1, message.lines().count(), why);
            assertTrue(message.startsWith("lossgrid: spec error: ") && message.contains(", found "), why);
            assertFalse(message.contains("Exception") || message.contains("\tat "), why);
            assertFalse(Files.exists(out), why);
            seen.merge(m.name(), 1, Integer::sum);
        }
        assertEquals(ms.size(), seen.size(), "every kind of mutation ran");
    }
}
