package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SvgTest {
    @Test
    void numbersInENotationAreKeptOnOneLineAndTheRestEscaped() {
        assertEquals("residual <span class=\"num\">3.1e-7</span> &lt; <span class=\"num\">1e-3</span>",
                Svg.escKeepNumbers("residual 3.1e-7 < 1e-3"));
        assertEquals("adam(epsilon=<span class=\"num\">1.0E-8</span>)", Svg.escKeepNumbers("adam(epsilon=1.0E-8)"));
    }

    @Test
    void wordsAndPlainNumbersAreLeftAlone() {
        assertEquals("seed 12, lr 0.01, e-mail", Svg.escKeepNumbers("seed 12, lr 0.01, e-mail"));
    }

    @Test
    void compactNumbersUseENotationOutsideTheEasyRange() {
        assertEquals("1e-3", Svg.num(0.001));
        assertEquals("0.01", Svg.num(0.01));
        assertEquals("1.5e3", Svg.num(1500));
        assertEquals("NaN", Svg.num(Double.NaN));
    }
}
