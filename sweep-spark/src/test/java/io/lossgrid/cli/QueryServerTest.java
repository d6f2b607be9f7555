package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.client.QueryClient;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import io.lossgrid.wire.ServerPlace;
import io.lossgrid.wire.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm query server, in this JVM on this class's Spark session, answering the query client over a real Unix
 * domain socket: the same bytes and exit statuses as in-process, views registered again after a commit, the
 * fallbacks, the idle exit and the private directory.
 */
class QueryServerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    static SparkSession spark;

    @TempDir
    static Path tmp;

    static Path results;
    static ServerPlace place;
    static Thread serving;

    @BeforeAll
    static void runOneSweepAndStartAServer() throws IOException {
        spark = LocalSpark.start("QueryServerTest");
        Path spec = Specs.write(tmp, "mixed.yaml", Specs.MIXED);
        results = tmp.resolve("results");
        CliTest.Run run = CliTest.cli("run", spec.toString(), "--out", results.toString(), "--batch-trials", "4");
        assertEquals(0, run.status(), run.err());
        place = ServerPlace.of(tmp.resolve("place"), "this test").ensurePrivate();
        serving = serve(new QueryServer(spark, Duration.ofMinutes(10), System.err, Optional.empty()), place);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        boolean stopped = QueryClient.stop(place);
        serving.join(DEADLINE.toMillis());
        spark.stop();
        assertTrue(stopped, "the server answered the stop request");
        assertFalse(serving.isAlive(), "the server stopped");
    }

    /** Binds the place's socket here (so a client may call at once) and serves it in a thread. */
    static Thread serve(QueryServer server, ServerPlace at) throws IOException {
        ServerSocketChannel channel = QueryServer.bind(at);
        Thread t = new Thread(() -> {
            try {
                server.serve(channel, at);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "query-server-" + at.directory().getFileName());
        t.start();
        return t;
    }

    static Wire.Answer served(String... args) {
        Wire.Request request = QueryClient.request(List.of(args), tmp).orElseThrow();
        return QueryClient.ask(place, request).orElseThrow();
    }

    @Test
    void aQueryThroughTheServerPrintsTheSameBytesAsInProcessInEveryFormat() {
        String q = "SELECT t.optimizer, t.alpha, t.learning_rate, t.status, t.final_loss, max(e.epoch) AS last"
                + " FROM trials t JOIN epochs e USING (trial_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 5";
        for (String format : List.of("csv", "json", "table")) {
            CliTest.Run here = CliTest.cli("sql", results.toString(), q, "--format", format);
            Wire.Answer there = served("sql", results.toString(), q, "--format", format);
            assertEquals(0, here.status(), here.err());
            assertEquals(here.out(), there.out(), format);
            assertEquals(here.err(), there.err(), format);
            assertEquals(here.status(), there.status(), format);
        }
    }

    @Test
    void aBadQueryThroughTheServerExitsWithTwoAndTheSameOneLine() {
        CliTest.Run here = CliTest.cli("sql", results.toString(), "SELECT lr FROM trials");
        Wire.Answer there = served("sql", results.toString(), "SELECT lr FROM trials");
        assertEquals(2, there.status());
        assertEquals(1, there.err().lines().count(), there.err());
        assertTrue(there.err().startsWith("lossgrid: sql error: [UNRESOLVED_COLUMN.WITH_SUGGESTION]"), there.err());
        assertEquals(here.err(), there.err());
        assertEquals("", there.out());
    }

    @Test
    void aWritingStatementIsRefusedByTheServerAsInProcess() {
        Wire.Answer there = served("sql", results.toString(), "CREATE TABLE t AS SELECT * FROM trials");
        assertEquals(2, there.status());
        assertTrue(there.err().startsWith("lossgrid: sql is read-only: refused 'CREATE TABLE t AS SELECT * FROM trials'"),
                there.err());
    }

    @Test
    void whatACallDefinesStaysInThatCall() {
        Wire.Answer first = served("sql", results.toString(), "CREATE TEMPORARY VIEW mine AS SELECT 1 AS one;"
                + " SELECT one FROM mine");
        Wire.Answer second = served("sql", results.toString(), ".tables");
        assertEquals("one\n1\n", first.out(), first.err());
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("trials ("), second.out());
        assertFalse(second.out().contains("mine"), second.out());
    }

    @Test
    void theServerRegistersTheViewsAgainOnceTheDirectoryGainsABatch() throws IOException {
        Path grown = tmp.resolve("grown");
        copy(results, grown);
        Path aside = tmp.resolve("aside");
        Files.createDirectories(aside);
        for (String table : List.of("trials", "epochs")) {
            Files.move(grown.resolve(table).resolve("batch=2"), aside.resolve(table));
        }
        String count = "SELECT count(*) AS n FROM trials";
        assertEquals("n\n4\n", served("sql", grown.toString(), count).out());
        for (String table : List.of("trials", "epochs")) {
            Files.move(aside.resolve(table), grown.resolve(table).resolve("batch=2"));
        }
        assertEquals("n\n8\n", served("sql", grown.toString(), count).out());
    }

    @Test
    void aStaleSocketLeavesTheCallToTheClientWhichStillSucceeds() throws IOException {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", tmp.resolve("xdg").toString());
        Files.createDirectories(tmp.resolve("xdg"));
        ServerPlace stale = ServerPlace.forUser(env, System.getProperty("java.class.path"), tmp).ensurePrivate();
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(stale.socket()));
        }
        assertTrue(Files.exists(stale.socket()), "the socket of a server that died stays behind");
        List<String> args = List.of("sql", results.toString(), "SELECT count(*) AS n FROM trials");
        StringWriter out = new StringWriter();
        List<List<String>> ranHere = new ArrayList<>();
        int status = QueryClient.run(args, env, tmp, a -> {
            ranHere.add(a);
            return Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), a.toArray(String[]::new));
        }, false);
        assertEquals(0, status);
        assertEquals(List.of(args), ranHere);
        assertEquals("n\n8\n", out.toString());
    }

    @Test
    void theServerExitsAfterItsIdleTimeoutAndRemovesItsSocket() throws Exception {
        ServerPlace idle = ServerPlace.of(tmp.resolve("idle"), "this test").ensurePrivate();
        Thread t = serve(new QueryServer(spark, Duration.ofMillis(300), System.err, Optional.empty()), idle);
        t.join(DEADLINE.toMillis());
        assertFalse(t.isAlive(), "the server stopped within " + DEADLINE);
        assertFalse(Files.exists(idle.socket()), "its socket is gone");
        assertTrue(QueryClient.ask(idle, QueryClient.request(List.of("sql", results.toString(), "SELECT 1"), tmp)
                .orElseThrow()).isEmpty(), "nobody answers");
    }

    @Test
    void aServerWhoseJarWasRebuiltDeclinesTheNextCallAndStops() throws Exception {
        ServerPlace rebuilt = ServerPlace.of(tmp.resolve("rebuilt"), "this test").ensurePrivate();
        Path jar = Files.writeString(tmp.resolve("lossgrid.jar"), "old");
        Thread t = serve(new QueryServer(spark, Duration.ofMinutes(10), System.err, Optional.of(jar)), rebuilt);
        assertTrue(jar.toFile().setLastModified(jar.toFile().lastModified() - 60_000), "the jar's time changed");
        Wire.Request request = QueryClient.request(List.of("sql", results.toString(), "SELECT 1"), tmp).orElseThrow();
        assertTrue(QueryClient.ask(rebuilt, request).isEmpty(), "the call was declined");
        t.join(DEADLINE.toMillis());
        assertFalse(t.isAlive(), "the server stopped");
        assertFalse(Files.exists(rebuilt.socket()), "its socket is gone");
    }

    @Test
    void theServersSocketIsForItsUserOnly() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(place.socket())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(place.directory())));
        assertTrue(place.socketIsOurs());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
