package io.lossgrid.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;

/**
 * What a run lock file says: who holds the directory and until when. The driver renews {@code expiresAtMs}
 * while it runs ({@link DirectoryLock}); a holder on this host is alive while its process is, a holder on
 * another host while its lease has not expired.
 *
 * @param host         the driver's host name
 * @param pid          the driver's process id
 * @param processStart when that process started (ms since the epoch; 0 if unknown), which tells a reused pid apart
 * @param acquiredAtMs when the lock was taken
 * @param expiresAtMs  when the lease ends unless renewed
 */
@JsonPropertyOrder({"host", "pid", "processStart", "acquiredAtMs", "expiresAtMs"})
public record LockHolder(String host, long pid, long processStart, long acquiredAtMs, long expiresAtMs) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public LockHolder {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("lock: host must name the driver's host, found none");
        }
        if (pid < 1) {
            throw new IllegalArgumentException("lock: pid must be >= 1, found " + pid);
        }
        if (expiresAtMs < acquiredAtMs) {
            throw new IllegalArgumentException("lock: expiresAtMs must be >= acquiredAtMs (" + acquiredAtMs
                    + "), found " + expiresAtMs);
        }
    }

    /** This process as a holder from {@code nowMs}, its lease ending {@code leaseMs} later. */
    public static LockHolder self(long nowMs, long leaseMs) {
        ProcessHandle me = ProcessHandle.current();
        return new LockHolder(Hosts.name(), me.pid(), start(me), nowMs, nowMs + leaseMs);
    }

    /** The same holder with its lease ending {@code leaseMs} after {@code nowMs}. */
    public LockHolder renewed(long nowMs, long leaseMs) {
        return new LockHolder(host, pid, processStart, acquiredAtMs, nowMs + leaseMs);
    }

    /** True if {@code o} is the same run (host, process and acquisition), whatever its lease says. */
    public boolean sameRun(LockHolder o) {
        return o != null && host.equals(o.host) && pid == o.pid && processStart == o.processStart
                && acquiredAtMs == o.acquiredAtMs;
    }

    /**
     * True while the holder may still be writing: on this host, while its process lives (and is the one
     * that took the lock, not a later process with the same pid); elsewhere, until its lease expires.
     */
    public boolean alive(long nowMs) {
        if (!host.equals(Hosts.name())) {
            return nowMs < expiresAtMs;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        long started = start(p.get());
        return processStart == 0 || started == 0 || started == processStart;
    }

    /** For messages: {@code host H, pid P, since 2026-11-30T07:00:00Z}. */
    public String describe() {
        return "host " + host + ", pid " + pid + ", since " + Instant.ofEpochMilli(acquiredAtMs);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lock holder is a record of scalars", e);
        }
    }

    /** The holder a lock file's text names, or empty when the text is not one (a lock being written, or damaged). */
    static Optional<LockHolder> parse(String text) {
        try {
            return Optional.of(JSON.readValue(text, LockHolder.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long start(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** The local host's name, read once. */
    static final class Hosts {
        private static final String NAME = read();

        private Hosts() {
        }

        static String name() {
            return NAME;
        }

        private static String read() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                String env = System.getenv("HOSTNAME");
                return env != null && !env.isEmpty() ? env : "localhost";
            }
        }
    }
}
