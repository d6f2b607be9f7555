package io.lossgrid.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A results store could not be written or read (a full disk, a read-only file system, a permission
 * refused). The message is one line: the file system's own reason, without a stack trace's worth of
 * wrapping, so the driver can say what is committed and how to continue.
 */
public final class StoreFailure extends UncheckedIOException {
    public StoreFailure(String message, IOException cause) {
        super(message, cause);
    }

    /** The failure behind {@code e}: the innermost {@link IOException}'s class and message, on one line. */
    public static String reason(Throwable e) {
        IOException io = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException x) {
                io = x;
            }
        }
        Throwable shown = io != null ? io : e;
        String msg = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return msg.replaceAll("\\s+", " ").trim();
    }

    /** The {@link IOException} somewhere in {@code e}'s causes, or null. */
    static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException x) {
                return x;
            }
        }
        return null;
    }
}
