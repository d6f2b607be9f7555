package io.lossgrid.report;

import java.util.Locale;
import java.util.regex.Pattern;

/** Text and number helpers for hand-written SVG and HTML. */
final class Svg {
    private Svg() {
    }

    /** Escapes text for HTML and SVG content and attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final Pattern E_NUMBER = Pattern.compile("(?i)\\b\\d+(?:\\.\\d+)?e[-+]?\\d+\\b");

    /**
     * Escaped text in which every number in e-notation ({@code 1.5e-4}, {@code 1.0E-8}) is a
     * {@code <span class="num">}, which the report's CSS keeps on one line: a browser may otherwise break it
     * after its minus sign.
     */
    static String escKeepNumbers(String s) {
        return E_NUMBER.matcher(esc(s)).replaceAll("<span class=\"num\">$0</span>");
    }

    /** A coordinate with at most two decimals. */
    static String px(double v) {
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
    }

    /** A compact number for axes and tables: 0.001 as 1e-3, 0.01 as 0.01, 1000 as 1e3. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 0.01 && a < 1000) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            if (s.contains("e")) {
                return s;
            }
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        String s = String.format(Locale.ROOT, "%.3e", v);
        String mantissa = s.substring(0, s.indexOf('e')).replaceAll("0+$", "").replaceAll("\\.$", "");
        int exp = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        return mantissa + "e" + exp;
    }
}
