package io.lossgrid.spec;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import io.lossgrid.data.DataSpec;
import io.lossgrid.data.DataSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a sweep spec from YAML. Only plain YAML is accepted (maps, lists, scalars; no tags, no class
 * names, no duplicate keys); every error is a {@link SpecException} with a one-line message.
 */
public final class SpecLoader {
    private SpecLoader() {
    }

    /** Loads the spec at {@code file}; relative data paths resolve against its directory. */
    public static SweepSpec load(Path file) {
        return parse(read(file, "spec"), file.toAbsolutePath().getParent());
    }

    /** The text of {@code file}; one that cannot be read is an error at {@code path}, naming the file and why. */
    private static String read(Path file, String path) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(path, "must be a readable YAML file", SpecException.render(file.toString())
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** Parses spec text; {@code baseDir} is where relative data paths resolve. */
    public static SweepSpec parse(String yamlText, Path baseDir) {
        Object tree = yaml(yamlText);
        Node root = Node.root(tree);
        if (!root.isMap()) {
            throw root.error("must be a YAML map with name, data, model, loss, training and grid");
        }
        return SweepSpec.parse(root, baseDir);
    }

    /**
     * Loads one data entry, as a spec's {@code data:} holds it, from the YAML file {@code file} (the
     * {@code evaluate} verb's {@code --data}); errors are rooted at {@code data}, relative paths resolve against
     * the file's directory (see {@link io.lossgrid.data.DataSpec#load}).
     */
    public static DataSpec loadData(Path file) {
        Node node = new Node("data", yaml(read(file, "data")));
        if (!node.isMap()) {
            throw node.error("must be one data set as a YAML map, such as {csv: test.csv, features: [x], label: y}");
        }
        return DataSpecs.parse(node);
    }

    /**
     * Parses a resolved spec ({@link SweepSpec#toMap()}, as a results directory's {@code sweep.json} records it)
     * by the same rules, so that what a sweep ran can be rebuilt from its directory: the same trials, with the
     * same ids. Relative data paths resolve against {@code baseDir}.
     */
    public static SweepSpec resolved(Map<String, Object> tree, Path baseDir) {
        Map<String, Object> spec = new LinkedHashMap<>(tree);
        Object data = spec.get(SweepSpec.DATA.key());
        if (data instanceof List<?> list) {
            spec.put(SweepSpec.DATA.key(), list.stream().map(SpecLoader::dataAsWritten).toList());
        } else if (data != null) {
            spec.put(SweepSpec.DATA.key(), dataAsWritten(data));
        }
        return SweepSpec.parse(Node.root(spec), baseDir);
    }

    /**
     * A resolved data set as a spec writes it: a generated set resolves flat ({@code {name, generator, ..}}, the
     * form its trial ids are made from) and is written {@code {name, synthetic: {generator, ..}}}.
     */
    private static Object dataAsWritten(Object resolved) {
        if (!(resolved instanceof Map<?, ?> m) || !m.containsKey("generator")) {
            return resolved;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (DataSpecs.NAME.key().equals(k)) {
                out.put(String.valueOf(k), v);
            } else {
                settings.put(String.valueOf(k), v);
            }
        });
        out.put(DataSpecs.GENERATOR_SETTINGS.key(), settings);
        return out;
    }

    private static Object yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        try {
            Object tree = new Yaml(new SafeConstructor(options)).load(text);
            if (tree == null) {
                throw new SpecException("spec", "must be a YAML map with name, data, model, loss, training and grid",
                        "an empty document");
            }
            return tree;
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
            throw new SpecException("spec", "must be well-formed YAML", problem.replace('\n', ' ') + where);
        } catch (YAMLException e) {
            throw new SpecException("spec", "must be well-formed YAML", String.valueOf(e.getMessage()).replace('\n', ' '));
        }
    }
}
