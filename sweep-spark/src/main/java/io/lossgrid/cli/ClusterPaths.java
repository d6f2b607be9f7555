package io.lossgrid.cli;

import java.util.Set;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Paths under {@code spark-submit --deploy-mode cluster}. The driver then runs on a worker, in a working
 * directory of its own, so a relative path given on the submitting machine would name a file there (or
 * nowhere). Every path of the command line (the arguments labelled SPEC, DIR or FILE) must then be
 * absolute or a URI ({@code hdfs://}, {@code s3a://}, {@code file:/}), and an output directory has no
 * default (the default, {@code out/<name>}, is relative): the driver's worker must reach them, on storage
 * the workers share.
 */
final class ClusterPaths {
    private static final Set<String> PATH_LABELS = Set.of("SPEC", "DIR", "FILE");

    private ClusterPaths() {
    }

    /**
     * Refuses the first relative path (or missing output directory) of the verb in {@code parsed} when
     * {@code deployMode} is {@code cluster}; accepts anything otherwise.
     *
     * @throws LaunchRefused naming the argument, the rule, the value found and the fix
     */
    static void check(ParseResult parsed, String deployMode) {
        if (!"cluster".equals(deployMode)) {
            return;
        }
        ParseResult verb = parsed;
        while (verb.hasSubcommand()) {
            verb = verb.subcommand();
        }
        for (ArgSpec arg : verb.matchedArgs()) {
            if (!PATH_LABELS.contains(arg.paramLabel())) {
                continue;
            }
            for (String value : arg.originalStringValues()) {
                if (!absolute(value)) {
                    throw new LaunchRefused(name(arg) + " must be an absolute path or a URI with --deploy-mode cluster "
                            + "(the driver runs on a worker, in a directory of its own), found \"" + value
                            + "\"; give a path on storage the workers share, e.g. " + suggestion(value));
                }
            }
        }
        for (OptionSpec option : verb.commandSpec().options()) {
            if (option.paramLabel().equals("DIR") && !verb.hasMatchedOption(option)) {
                throw new LaunchRefused(option.longestName() + " DIR must be given with --deploy-mode cluster (its default "
                        + "is relative to the driver's working directory on a worker), found none; give an absolute path "
                        + "or a URI on storage the workers share");
            }
        }
    }

    /** An absolute local path, or a URI with a scheme ({@code hdfs://...}, {@code file:/...}). */
    static boolean absolute(String value) {
        return value.startsWith("/") || value.matches("[A-Za-z][A-Za-z0-9+.-]*:.*");
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() + " " + arg.paramLabel() : arg.paramLabel();
    }

    private static String suggestion(String value) {
        return "/shared/" + value.replaceFirst("^(\\./)+", "");
    }
}
