package io.lossgrid.cli;

/**
 * A command line the launcher will not start as given (a malformed Spark option, a relative path where
 * the driver runs on a cluster). The message says what was found and how to proceed; {@link Main} prints
 * it as one line and exits with status 2, nothing written.
 */
final class LaunchRefused extends RuntimeException {
    LaunchRefused(String message) {
        super(message, null, false, false);
    }
}
