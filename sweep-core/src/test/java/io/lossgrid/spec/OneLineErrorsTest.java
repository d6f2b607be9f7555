package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.assertRefused;

import io.lossgrid.base.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A line break in a spec value never reaches the terminal as one: errors show it escaped, on one line. */
class OneLineErrorsTest {
    @Test
    void aNameHoldingALineBreakIsShownEscaped() {
        assertRefused("name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, "
                + "found \"x\\nlossgrid: all good\"", "name", "\"x\\nlossgrid: all good\"");
    }

    @Test
    void aColumnNameHoldingALineBreakIsShownEscaped() {
        assertRefused("data.label must not also be a feature, found \"y\\r\\nz\"",
                "data", "{csv: a.csv, features: [x, \"y\\r\\nz\"], label: \"y\\r\\nz\"}");
    }

    @Test
    void aKeyHoldingALineBreakIsShownEscapedInItsPath() {
        assertRefused("grid.a\\nb is not a known field (known: alpha, cells, learningRate, optimizer, seed), "
                + "found unknown key \"a\\nb\"", "grid", "{\"a\\nb\": 1, learningRate: [0.1], optimizer: [sgd]}");
    }

    @Test
    void aPathHoldingATabAndAControlCharacterIsShownEscaped() {
        assertRefused("data.csv must name a readable file, found \"a\\tb\\u0007.csv\"",
                () -> {
                    throw new SpecException("data.csv", "must name a readable file", SpecException.render("a\tb\u0007.csv"));
                });
    }

    @Test
    void aLineBreakInAnOptimizerNameIsShownEscaped() {
        assertRefused("grid.optimizer[0] must be one of sgd, nesterovs, adam, adamax, nadam, amsgrad, adabelief, adagrad, "
                        + "adadelta, rmsprop, found \"sgd\\n\"; did you mean \"sgd\"?",
                () -> SpecText.parseWith("grid", "{learningRate: [0.1], optimizer: " + List.of("\"sgd\\n\"") + "}"));
    }
}
