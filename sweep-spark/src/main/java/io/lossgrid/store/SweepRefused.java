package io.lossgrid.store;

/**
 * A run the engine will not start as asked (an occupied output directory, a resume whose spec changed).
 * The message says what was found and how to proceed; the CLI exits with status 2 and writes nothing.
 */
public final class SweepRefused extends RuntimeException {
    public SweepRefused(String message) {
        super(message, null, false, false);
    }
}
