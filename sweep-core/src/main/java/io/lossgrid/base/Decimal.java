package io.lossgrid.base;

import java.util.Locale;

/**
 * The one rounding of lossgrid's numbers: 12 significant digits. Range points, the values a search samples
 * or bisects, and α·lr are all made this way, so values equal on paper (0.1 · 0.1 and 1 · 0.01) are equal
 * doubles, print the same, hash into the same trial id and fall into one {@code GROUP BY} class.
 */
public final class Decimal {
    private Decimal() {
    }

    /** {@code v} to 12 significant digits; zero, NaN and infinities as they are. */
    public static double significant(double v) {
        return Double.isFinite(v) && v != 0 ? Double.parseDouble(String.format(Locale.ROOT, "%.12g", v)) : v;
    }
}
