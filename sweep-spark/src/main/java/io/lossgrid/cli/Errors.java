package io.lossgrid.cli;

import io.lossgrid.base.SpecException;
import io.lossgrid.store.SweepRefused;
import org.apache.spark.sql.AnalysisException;

/** The errors a user can fix, each as the one line the command line prints for it (exit status 2). */
final class Errors {
    private Errors() {
    }

    /**
     * The one line for an error the user can fix: a spec error, a refused request, bad input, or a statement
     * Spark could not parse or resolve (Spark's own message, without the plan it appends); null for anything
     * else, which is a bug and keeps its stack trace.
     */
    static String oneLine(Throwable e) {
        if (e instanceof SpecException) {
            return "lossgrid: spec error: " + e.getMessage();
        }
        if (e instanceof SweepRefused || e instanceof LaunchRefused || e instanceof BadInput) {
            return "lossgrid: " + e.getMessage();
        }
        if (e instanceof AnalysisException a) {
            return "lossgrid: sql error: " + firstLine(a.getMessage());
        }
        return null;
    }

    /** The first line of a message that is not blank, stripped. */
    static String firstLine(String message) {
        return message == null ? "" : message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
