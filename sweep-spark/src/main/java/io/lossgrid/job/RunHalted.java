package io.lossgrid.job;

/**
 * A run that ended before its sweep did, for a reason outside the spec: stopped by the user (Ctrl-C), or a
 * results store that could not be written any more (a full disk). The message is one line saying what is
 * committed and that {@code --resume} continues; {@link #exitStatus} is what the command line exits with.
 */
public final class RunHalted extends RuntimeException {
    /** Exit status of a run stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it. */
    public static final int INTERRUPTED = 130;
    /** Exit status of a run whose store failed mid-run: the command line's "anything else". */
    public static final int STORE_FAILED = 1;

    private final int exitStatus;

    RunHalted(int exitStatus, String message) {
        super(message, null, false, false);
        if (exitStatus != INTERRUPTED && exitStatus != STORE_FAILED) {
            throw new IllegalArgumentException("a halted run exits " + INTERRUPTED + " or " + STORE_FAILED
                    + ", found " + exitStatus);
        }
        this.exitStatus = exitStatus;
    }

    /** The status the command line exits with: {@value #INTERRUPTED} or {@value #STORE_FAILED}. */
    public int exitStatus() {
        return exitStatus;
    }
}
