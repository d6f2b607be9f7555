package io.lossgrid.spec;

import io.lossgrid.base.SpecException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * A valid spec as YAML text, one top-level section per line, with sections to replace or drop; and the
 * assertion every negative test makes. Sections are written in flow style ({@code {a: 1}}) unless the
 * replacement starts with a line break, in which case it is written as a block under its key.
 */
public final class SpecText {
    private final Map<String, String> sections = new LinkedHashMap<>();

    private SpecText() {
        sections.put("name", "t");
        sections.put("data", "{synthetic: {generator: linear, samples: 20, seed: 1}}");
        sections.put("model", "{type: linear, weightInit: zero}");
        sections.put("loss", "mse");
        sections.put("training", "{epochs: 5}");
        sections.put("grid", "{alpha: [1], learningRate: [0.01], optimizer: [sgd]}");
    }

    /** The smallest valid spec: one synthetic data set, a linear model, mse, one trial. */
    public static SpecText valid() {
        return new SpecText();
    }

    public SpecText with(String key, String yaml) {
        sections.put(key, yaml);
        return this;
    }

    public SpecText without(String key) {
        sections.remove(key);
        return this;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sections.forEach((k, v) -> sb.append(k).append(v.startsWith("\n") ? ":" : ": ").append(v).append('\n'));
        return sb.toString();
    }

    public SweepSpec parse() {
        return SpecLoader.parse(text(), Path.of("."));
    }

    /** Parses with only {@code key} replaced. */
    public static SweepSpec parseWith(String key, String yaml) {
        return valid().with(key, yaml).parse();
    }

    /** Asserts that {@code action} throws a SpecException whose one-line message is exactly {@code message}. */
    public static SpecException assertRefused(String message, Executable action) {
        SpecException e = assertThrows(SpecException.class, action);
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(e.getMessage().contains("\r"), "one line");
        return e;
    }

    /** Asserts that parsing the valid spec with {@code key} replaced by {@code yaml} is refused with {@code message}. */
    public static SpecException assertRefused(String message, String key, String yaml) {
        SpecText spec = valid().with(key, yaml);
        return assertRefused(message, spec::parse);
    }
}
