package io.lossgrid.wire;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The query server's settings, read from the environment (one place for their names, defaults and rules).
 *
 * @param enabled {@value #SWITCH}: {@code on} (the default) lets {@code sql} and the table verbs use a query
 *                server and start one; {@code off} runs every call in its own JVM, as {@code --no-server} does for one call
 * @param idle    {@value #IDLE}: whole seconds, at least 1 (default {@value #DEFAULT_IDLE_SECONDS}), that a
 *                server waits for a call before it exits
 */
public record ServerSettings(boolean enabled, Duration idle) {
    public static final String SWITCH = "LOSSGRID_QUERY_SERVER";
    public static final String IDLE = "LOSSGRID_QUERY_SERVER_IDLE";
    public static final long DEFAULT_IDLE_SECONDS = 600;
    /** The option that turns the server off for one call. */
    public static final String NO_SERVER = "--no-server";
    /** The option of {@code sql} that stops the server. */
    public static final String STOP_SERVER = "--stop-server";

    public ServerSettings {
        if (idle == null || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException(IDLE + " must be a whole number of seconds >= 1, found " + idle);
        }
    }

    /** The settings an environment gives; a malformed value is refused with a one-line message naming it. */
    public static ServerSettings from(Map<String, String> env) {
        String sw = env.getOrDefault(SWITCH, "on").strip().toLowerCase(Locale.ROOT);
        if (!sw.equals("on") && !sw.equals("off")) {
            throw new IllegalArgumentException(SWITCH + " must be on or off, found '" + env.get(SWITCH) + "'");
        }
        String idle = env.getOrDefault(IDLE, Long.toString(DEFAULT_IDLE_SECONDS)).strip();
        long seconds;
        try {
            seconds = Long.parseLong(idle);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1) {
            throw new IllegalArgumentException(IDLE + " must be a whole number of seconds >= 1, found '" + idle + "'");
        }
        return new ServerSettings(sw.equals("on"), Duration.ofSeconds(seconds));
    }
}
