package io.lossgrid.cli;

import io.lossgrid.wire.ServerPlace;
import io.lossgrid.wire.ServerSettings;
import io.lossgrid.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The warm query server: one JVM holding one local Spark session that answers {@code sql} and table-verb calls
 * from the query client ({@code scripts/sweep}) over this user's Unix domain socket, so that a call skips the JVM's,
 * Spark's and the query compiler's start. Each call runs through {@link Main#execute} (the same code, read-only
 * check and output formats as in-process, so the same bytes and exit status) on a fresh clone of a session that
 * holds the directory's views ({@link ServedViews}: registered again once a batch is committed). Calls run one at
 * a time, in the order they arrive; a client that arrives during a call waits. The server exits after
 * {@link ServerSettings#idle()} without a call, on a stop request, once its jar was rebuilt, or when its Spark
 * context has stopped.
 */
public final class QueryServer {
    private final SparkSession base;
    private final ServedViews views;
    private final Duration idle;
    private final PrintStream log;
    private final Optional<Path> jar;
    private final long jarModified;

    /**
     * @param base the session whose context every call runs on (its own views and settings are never changed)
     * @param idle how long {@link #serve} waits for a call
     * @param log  where the server says what it does (its log file)
     * @param jar  the jar the server's code came from, if any: once it is rebuilt, the server declines the next
     *             call and stops (its classes are those of the old jar), and the client starts a new one
     */
    QueryServer(SparkSession base, Duration idle, PrintStream log, Optional<Path> jar) {
        this.base = base;
        this.views = new ServedViews(base);
        this.idle = idle;
        this.log = log;
        this.jar = jar;
        this.jarModified = jar.map(QueryServer::modified).orElse(0L);
    }

    private static long modified(Path file) {
        return file.toFile().lastModified();
    }

    /**
     * {@code QueryServer [DIR ARGS...]}: starts Spark, answers the call ARGS over DIR once to warm up (output
     * dropped), then serves on this user's socket until idle. Exits at once, saying so, when another server holds
     * the lock.
     */
    public static void main(String[] args) throws IOException {
        ServerSettings settings = ServerSettings.from(System.getenv());
        ServerPlace place = ServerPlace.forUser(System.getenv(), System.getProperty("java.class.path"),
                java.nio.file.Path.of(System.getProperty("user.dir"))).ensurePrivate();
        try (FileChannel lockFile = FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                System.err.println("[lossgrid] query server " + ProcessHandle.current().pid()
                        + ": another server holds " + place.lock() + "; leaving");
                return;
            }
            // The server runs in its callers' directory; Spark SQL's warehouse (an empty spark-warehouse folder it
            // makes there) goes to the private place instead, as no call of the server reads or writes tables in it.
            SparkSettings spark = new SparkSettings(null, java.util.Map.of("spark.sql.warehouse.dir",
                    place.directory().resolve("warehouse-" + place.key()).toUri().toString()), false, false);
            try (Sessions session = Sessions.open("lossgrid query server", spark)) {
                QuerySettings.apply(session.spark());
                QueryServer server = new QueryServer(session.spark(), settings.idle(), System.err,
                        Sessions.applicationJar());
                if (args.length >= 2) {
                    server.call(new Wire.Request(args[0], Arrays.asList(args).subList(1, args.length)));
                }
                ServerSocketChannel channel = bind(place);
                System.err.println("[lossgrid] query server " + ProcessHandle.current().pid() + " listening on "
                        + place.socket() + " (idle timeout " + settings.idle().toSeconds() + " s)");
                server.serve(channel, place);
            }
        }
        System.exit(0);
    }

    /**
     * Listens on the place's socket (mode 0600), replacing a stale one; call it only while holding the place's
     * lock, which makes any socket found there stale.
     */
    static ServerSocketChannel bind(ServerPlace place) throws IOException {
        Files.deleteIfExists(place.socket());
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(place.socket()));
        Files.setPosixFilePermissions(place.socket(), PosixFilePermissions.fromString("rw-------"));
        return channel;
    }

    /**
     * Answers calls on {@code channel}, one at a time, until none came for the idle timeout or one asked to stop;
     * then closes it and deletes the place's socket, so that the next client runs its call itself.
     */
    void serve(ServerSocketChannel channel, ServerPlace place) throws IOException {
        try (channel; Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_ACCEPT);
            long last = System.nanoTime();
            while (true) {
                long left = idle.toNanos() - (System.nanoTime() - last);
                if (left <= 0) {
                    log.println("[lossgrid] query server: no call for " + idle.toMillis() + " ms; stopping");
                    return;
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                SocketChannel client = channel.accept();
                if (client == null) {
                    continue;
                }
                if (!answer(client)) {
                    log.println("[lossgrid] query server: stopping");
                    return;
                }
                if (base.sparkContext().isStopped()) {
                    log.println("[lossgrid] query server: Spark's context stopped; stopping");
                    return;
                }
                last = System.nanoTime();
            }
        } finally {
            Files.deleteIfExists(place.socket());
        }
    }

    /** Reads one request from {@code client} and answers it; false for a request to stop. */
    private boolean answer(SocketChannel client) {
        try (client) {
            client.configureBlocking(true);
            Wire.Request request = Wire.readRequest(Channels.newInputStream(client));
            if (request == null) {
                Wire.writeAnswer(Channels.newOutputStream(client), new Wire.Answer(0, "", ""));
                return false;
            }
            if (jar.isPresent() && modified(jar.get()) != jarModified) {
                log.println("[lossgrid] query server: " + jar.get() + " was rebuilt; declining and stopping");
                Wire.writeDeclined(Channels.newOutputStream(client));
                return false;
            }
            long start = System.nanoTime();
            Wire.Answer answer = call(request);
            log.printf(java.util.Locale.ROOT, "[lossgrid] query server: %s %s in %.3f s: exit %s%n", request.args().get(0),
                    request.dir(), (System.nanoTime() - start) / 1e9, answer == null ? "declined" : answer.status());
            if (answer == null) {
                Wire.writeDeclined(Channels.newOutputStream(client));
            } else {
                Wire.writeAnswer(Channels.newOutputStream(client), answer);
            }
        } catch (IOException e) {
            log.println("[lossgrid] query server: a call broke off (the client runs it itself): " + e.getMessage());
        }
        return true;
    }

    /**
     * Runs one call as {@link Main#execute} runs it, on a clone of the directory's served session; null (declined:
     * the client runs it itself) when it failed in a way the command line does not turn into one line, or when
     * Spark's context has stopped.
     */
    Wire.Answer call(Wire.Request request) {
        if (base.sparkContext().isStopped()) {
            return null;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            SparkSession.setActiveSession(views.sessionFor(request.dir()));
            int status = Main.execute(InputStream.nullInputStream(), new PrintWriter(out, true),
                    new PrintWriter(err, true), request.args().toArray(String[]::new));
            return new Wire.Answer(status, out.toString(), err.toString());
        } catch (RuntimeException e) {
            log.println("[lossgrid] query server: declined " + List.copyOf(request.args()) + " after "
                    + e.getClass().getName() + ": " + e.getMessage());
            return null;
        } finally {
            SparkSession.clearActiveSession();
        }
    }
}
