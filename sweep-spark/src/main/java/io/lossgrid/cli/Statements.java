package io.lossgrid.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A text of statements cut into statements, the way the {@code sql} shell and scripts read it: SQL
 * statements end with {@code ;} outside quotes ({@code '...'}, {@code "..."}, {@code `...`}) and comments
 * ({@code -- ...}, {@code /* ... *}{@code /}), which are dropped; a line that starts a statement with
 * {@code .} is a shell command and ends with its line.
 *
 * @param complete the statements, trimmed, without their {@code ;}; blank ones left out
 * @param rest the text after the last complete statement, trimmed: an unfinished statement, or empty
 */
record Statements(List<String> complete, String rest) {
    Statements {
        complete = List.copyOf(complete);
        if (rest == null) {
            throw new IllegalArgumentException("rest must not be null; give \"\" for none");
        }
    }

    /** Cuts {@code text} into statements. */
    static Statements of(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.' && cur.toString().isBlank()) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                add(out, text.substring(i, end).strip().replaceAll(";+$", ""));
                cur.setLength(0);
                i = end;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = closing(text, i);
                cur.append(text, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    cur.append(text, i, n);
                    i = n;
                } else {
                    cur.append(' ');
                    i = end + 2;
                }
            } else if (c == ';') {
                add(out, cur.toString().strip());
                cur.setLength(0);
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        return new Statements(out, cur.toString().strip());
    }

    /** The complete statements and then the unfinished rest, if any: what a script runs. */
    List<String> all() {
        List<String> all = new ArrayList<>(complete);
        add(all, rest);
        return all;
    }

    /** Whether a shell input is finished: nothing unfinished is left (a statement without its {@code ;}, an open quote). */
    boolean finished() {
        return rest.isEmpty();
    }

    private static void add(List<String> out, String statement) {
        if (!statement.isBlank()) {
            out.add(statement);
        }
    }

    /** The index after the quote that closes the one at {@code start} (a backslash escapes in strings), or the end. */
    private static int closing(String text, int start) {
        char q = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && q != '`') {
                i += 2;
            } else if (c == q) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
