package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.util.regex.Pattern;

/**
 * One CSV cell as a number, read the way a CSV user means it, and cell text as an error may quote it.
 *
 * <p>A number is a decimal with optional sign, fraction and exponent ({@code 1}, {@code -2.5}, {@code 1e-3},
 * {@code .5}, {@code 5.}), spaces around it allowed. Refused, each with its own one-line error naming the
 * column, line and file: anything else (hex floats, Java suffixes such as {@code 1f}, thousands separators,
 * words, an empty cell), the non-finite spellings ({@code NaN}, {@code inf}, {@code Infinity}), and values
 * whose magnitude a float cannot hold (tables store floats whatever {@code training.dtype} is).
 */
final class CsvCell {
    /** How much of a cell or column name an error quotes; the rest is cut and marked with an ellipsis. */
    static final int QUOTE_LIMIT = 32;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX].*");
    private static final Pattern SUFFIXED = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?[fFdDlL]");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");

    private CsvCell() {
    }

    /**
     * The cell's value as a float.
     *
     * @param cell   the cell's text as the CSV parser returned it (quotes removed)
     * @param column the column's name, for the error
     * @param line   the line of the file the cell's record starts on, for the error
     * @param file   the file as the spec names it, for the error
     * @throws SpecException at {@code data.csv} when the cell is not a finite decimal number that fits a float
     */
    static float number(String cell, String column, long line, String file) {
        String text = cell.strip();
        String where = " in column " + quote(column);
        String at = quote(cell) + " at line " + line + " of " + file;
        if (NON_FINITE.matcher(text).matches()) {
            throw new SpecException("data.csv", "must hold finite numbers" + where, at);
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new SpecException("data.csv", "must hold decimal numbers (like 1, -2.5 or 1e-3)" + where, at, hint(text));
        }
        float v = Float.parseFloat(text);
        if (Float.isInfinite(v)) {
            throw new SpecException("data.csv", "must hold numbers a float can hold (magnitude at most " + Float.MAX_VALUE + ")"
                    + where, at, "rescale the column");
        }
        return v;
    }

    private static String hint(String text) {
        if (HEX.matcher(text).matches()) {
            return "write it in decimal";
        }
        if (SUFFIXED.matcher(text).matches()) {
            return "drop the type suffix";
        }
        if (THOUSANDS.matcher(text).matches()) {
            return "write it without thousands separators";
        }
        return null;
    }

    /**
     * Text from a file as an error may show it: in double quotes, quotes, backslashes and invisible or control
     * characters escaped ({@code \"}, {@code \\}, {@code \n}, {@code \uFEFF}), cut after {@link #QUOTE_LIMIT}
     * characters.
     */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        int shown = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (visible(c)) {
                        sb.append(c);
                    } else {
                        sb.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return sb.append(text.length() > QUOTE_LIMIT ? "…\"" : "\"").toString();
    }

    private static boolean visible(char c) {
        if (c == ' ') {
            return true;
        }
        int type = Character.getType(c);
        return !Character.isWhitespace(c) && !Character.isISOControl(c) && type != Character.FORMAT
                && type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR && type != Character.SPACE_SEPARATOR;
    }
}
