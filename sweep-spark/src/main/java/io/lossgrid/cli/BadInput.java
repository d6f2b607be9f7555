package io.lossgrid.cli;

/**
 * Input the user can fix, found while a verb runs (a statement {@code sql} refuses, a malformed script): the
 * message is one line naming what was found and what to do instead; the command line prints it and exits with 2.
 */
final class BadInput extends RuntimeException {
    BadInput(String message) {
        super(message);
    }
}
