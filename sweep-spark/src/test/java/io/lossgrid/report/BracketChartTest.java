package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.report.BracketChart.Kind;
import io.lossgrid.report.BracketChart.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bracket chart's points validate themselves, and each kind draws its own mark. */
class BracketChartTest {
    @Test
    void aPointRefusesAnAlphaThatIsNotPositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Point(-1, 0.1, 0.2, Kind.BRACKETED));
        assertEquals("bracket.alpha must be > 0 and finite, found -1.0", e.getMessage());
    }

    @Test
    void aPointRefusesAMissingKind() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Point(1, 0.1, 0.2, null));
        assertEquals("bracket.kind must be one of [BRACKETED, STABLE_UP_TO, UNSTABLE_FROM], found null", e.getMessage());
    }

    @Test
    void aPointRefusesEndsThatDoNotMatchItsKind() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Point(1, 0.1, 0.2, Kind.STABLE_UP_TO));
        assertEquals("bracket at alpha 1.0 of kind STABLE_UP_TO must have stable_lr set and unstable_lr null,"
                + " found 0.1 and 0.2", e.getMessage());
    }

    @Test
    void eachKindDrawsItsOwnMarkWithItsNumbersInTheTitle() {
        String svg = BracketChart.render("sgd", List.of(new Point(0.1, 1.0, 2.0, Kind.BRACKETED),
                new Point(1, 0.5, null, Kind.STABLE_UP_TO), new Point(10, null, 0.02, Kind.UNSTABLE_FROM)));
        assertTrue(svg.contains("<g class=\"bracket kind-BRACKETED\" data-alpha=\"0.1\"><title>\u03b1=0.1: stable at lr=1"
                + " (\u03b1\u00b7lr=0.1), unstable at lr=2 (\u03b1\u00b7lr=0.2)</title>"), svg);
        assertTrue(svg.contains("<g class=\"bracket kind-STABLE_UP_TO\" data-alpha=\"1.0\"><title>\u03b1=1: stable up to"
                + " lr=0.5 (\u03b1\u00b7lr=0.5)</title>"), svg);
        assertTrue(svg.contains("<g class=\"bracket kind-UNSTABLE_FROM\" data-alpha=\"10.0\"><title>\u03b1=10: unstable"
                + " from lr=0.02 (\u03b1\u00b7lr=0.2)</title>"), svg);
        assertEquals(2, svg.split("<polygon", -1).length - 1, "an open triangle for each one-sided bracket");
    }
}
