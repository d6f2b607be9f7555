package io.lossgrid.base;

/**
 * A sweep spec that breaks a rule. The message is one line: the field's path, the rule it breaks,
 * the value found, and where one can be offered, a hint that fixes it
 * ({@code grid.learningRate[2] must be > 0, found -0.1}). Control characters in any part are escaped
 * ({@link #escape}), so the message is always exactly one line.
 *
 * <p>Value types validate themselves and report paths relative to themselves; the loader adds the
 * prefix of where the value sits in the file with {@link #under(String)}.
 */
public final class SpecException extends RuntimeException {
    private final String path;
    private final String rule;
    private final String found;
    private final String hint;

    public SpecException(String path, String rule, String found, String hint) {
        super(format(path, rule, found, hint), null, false, false);
        this.path = path;
        this.rule = rule;
        this.found = found;
        this.hint = hint;
    }

    public SpecException(String path, String rule, String found) {
        this(path, rule, found, null);
    }

    /** A rule broken by {@code value} at {@code path}; the value is rendered as the user wrote it. */
    public static SpecException of(String path, String rule, Object value) {
        return new SpecException(path, rule, render(value), null);
    }

    /** The same error, seen from a containing node: {@code under("grid")} turns {@code seed[0]} into {@code grid.seed[0]}. */
    public SpecException under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new SpecException(joined, rule, found, hint);
    }

    /** The same error at another path (rule, value found and hint kept). */
    public SpecException at(String newPath) {
        return new SpecException(newPath, rule, found, hint);
    }

    public String path() {
        return path;
    }

    public String rule() {
        return rule;
    }

    public String found() {
        return found;
    }

    /** A value as it reads in a YAML file: strings quoted, containers named, absent values as "nothing". */
    public static String render(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof java.util.Map) {
            return "a map";
        }
        if (value instanceof java.util.List) {
            return "a list";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    private static String format(String path, String rule, String found, String hint) {
        String where = path == null || path.isEmpty() ? "spec" : path;
        return escape(where + " " + rule + ", found " + found + (hint == null ? "" : "; " + hint));
    }

    /**
     * Control characters written as escapes ({@code \n} as the two characters backslash and n), so that an
     * error naming a value that holds a line break is still exactly one line.
     */
    public static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : null;
            };
            if (e != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (e != null) {
                    sb.append(e);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
