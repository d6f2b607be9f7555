package io.lossgrid.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.wire.ServerPlace;
import io.lossgrid.wire.ServerSettings;
import io.lossgrid.wire.Wire;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query client without Spark: which calls go to a server, its settings, its place, and a server that breaks off. */
class QueryClientTest {
    @TempDir
    Path tmp;

    static Optional<Wire.Request> request(String... args) {
        return QueryClient.request(List.of(args), Path.of("/work/here"));
    }

    @Test
    void aQueryOverARelativeDirectoryGoesToTheServerWithAbsolutePaths() {
        Wire.Request r = request("sql", "out/study", "SELECT 1", "--format", "json").orElseThrow();
        assertEquals("/work/here/out/study", r.dir());
        assertEquals(List.of("sql", "/work/here/out/study", "SELECT 1", "--format", "json"), r.args());
    }

    @Test
    void aFileOfStatementsGoesToTheServerByItsAbsolutePath() {
        Wire.Request r = request("sql", "--file=q.sql", "out/study").orElseThrow();
        assertEquals(List.of("sql", "/work/here/out/study", "-f", "/work/here/q.sql"), r.args());
    }

    @Test
    void aTableVerbGoesToTheServer() {
        assertEquals(List.of("stability", "/work/here/out/s", "--format=table"),
                request("stability", "out/s", "--format=table").orElseThrow().args());
    }

    @Test
    void aUriDirectoryIsSentAsGiven() {
        assertEquals("hdfs://nn:8020/s", request("sql", "hdfs://nn:8020/s", "SELECT 1").orElseThrow().dir());
    }

    @Test
    void callsTheServerCannotAnswerAlikeRunHere() {
        assertEquals(Optional.empty(), request("sql", "out/s"), "the shell, or statements on standard input");
        assertEquals(Optional.empty(), request("sql", "out/s", "SELECT 1", "--master", "local[1]"));
        assertEquals(Optional.empty(), request("sql", "out/s", "SELECT 1", "--help"));
        assertEquals(Optional.empty(), request("run", "conf/seed.yaml"));
        assertEquals(Optional.empty(), request("analyze", "out/s"));
        assertEquals(Optional.empty(), request("stability", "out/s", "extra"));
        assertEquals(Optional.empty(), request("sql"));
    }

    @Test
    void noServerRunsTheCallHereAndStartsNoServer() {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", tmp.toString());
        List<List<String>> ran = new java.util.ArrayList<>();
        int status = QueryClient.run(List.of("sql", "out/s", "SELECT 1", "--no-server"), env, tmp, a -> {
            ran.add(a);
            return 0;
        }, true);
        assertEquals(0, status);
        assertEquals(List.of(List.of("sql", "out/s", "SELECT 1")), ran);
        assertEquals(List.of(), listing(tmp), "no server directory, so no server was started");
    }

    @Test
    void theServerSwitchMustBeOnOrOff() {
        var e = assertThrows(IllegalArgumentException.class, () -> ServerSettings.from(Map.of("LOSSGRID_QUERY_SERVER", "no")));
        assertEquals("LOSSGRID_QUERY_SERVER must be on or off, found 'no'", e.getMessage());
    }

    @Test
    void theIdleTimeoutMustBeWholeSecondsOfAtLeastOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.from(Map.of("LOSSGRID_QUERY_SERVER_IDLE", "0")));
        assertEquals("LOSSGRID_QUERY_SERVER_IDLE must be a whole number of seconds >= 1, found '0'", e.getMessage());
        assertEquals(Duration.ofSeconds(600), ServerSettings.from(Map.of()).idle());
        assertEquals(false, ServerSettings.from(Map.of("LOSSGRID_QUERY_SERVER", "off")).enabled());
    }

    @Test
    void aMalformedSettingIsOneLineAndStatusTwo() {
        int status = QueryClient.run(List.of("sql", "out/s", "SELECT 1"), Map.of("LOSSGRID_QUERY_SERVER", "maybe"), tmp,
                a -> 0, false);
        assertEquals(2, status);
    }

    @Test
    void theServersPlaceIsCreatedForItsUserOnly() throws IOException {
        ServerPlace place = ServerPlace.forUser(Map.of("XDG_RUNTIME_DIR", tmp.toString()), "a.jar", tmp).ensurePrivate();
        assertEquals(tmp.resolve("lossgrid-" + ServerPlace.uid()), place.directory());
        assertTrue(place.socket().getFileName().toString().matches("query-[0-9a-f]{12}\\.sock"), place.socket().toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(place.directory())));
    }

    @Test
    void callersInTwoDirectoriesTalkToTwoServersSoRelativePathsInAQueryResolveAsInProcess() {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", tmp.toString());
        ServerPlace here = ServerPlace.forUser(env, "a.jar", tmp.resolve("one"));
        assertEquals(here, ServerPlace.forUser(env, "a.jar", tmp.resolve("two/../one")), "one directory, however spelt");
        assertNotEquals(here.socket(), ServerPlace.forUser(env, "a.jar", tmp.resolve("two")).socket());
        assertNotEquals(here.socket(), ServerPlace.forUser(env, "b.jar", tmp.resolve("one")).socket());
    }

    @Test
    void aPlaceOthersMayEnterIsRefusedWithTheCommandThatFixesIt() throws IOException {
        Path dir = tmp.resolve("open");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        var e = assertThrows(IOException.class, () -> ServerPlace.of(dir, "a.jar").ensurePrivate());
        assertEquals("the query server's directory " + dir + " must have mode rwx------, found rwxr-xr-x; run 'chmod 700 "
                + dir + "'", e.getMessage());
    }

    @Test
    void aPlaceThatIsNotADirectoryIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "");
        var e = assertThrows(IOException.class, () -> ServerPlace.of(file, "a.jar").ensurePrivate());
        assertEquals("the query server's directory " + file + " must be a directory, found another kind of file; remove it",
                e.getMessage());
    }

    @Test
    void twoClassPathsHaveTwoServers() {
        assertTrue(!ServerPlace.of(tmp, "one/lossgrid.jar").socket().equals(ServerPlace.of(tmp, "two/lossgrid.jar").socket()));
        assertEquals(ServerPlace.of(tmp, "one/lossgrid.jar"), ServerPlace.of(tmp, "one/lossgrid.jar"));
    }

    @Test
    void aMalformedKeyIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ServerPlace(tmp, "xyz"));
        assertEquals("a query server's key must be 12 hexadecimal digits, found xyz", e.getMessage());
    }

    @Test
    void aServerThatDiesMidAnswerLeavesTheCallToTheClient() throws Exception {
        ServerPlace place = ServerPlace.of(tmp.resolve("place"), "a.jar").ensurePrivate();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(place.socket()));
            CompletableFuture<Wire.Request> received = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel c = server.accept()) {
                    Wire.Request r = Wire.readRequest(Channels.newInputStream(c));
                    DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
                    out.writeInt(Wire.MAGIC);
                    out.writeInt(Wire.DONE);
                    out.writeInt(0);
                    out.writeInt(100);
                    out.write("only part of".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                    return r;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Wire.Request request = request("sql", "out/s", "SELECT 1").orElseThrow();
            assertEquals(Optional.empty(), QueryClient.ask(place, request));
            assertEquals(request, received.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void theClientAndWirePackagesImportOnlyJdkClassesAndEachOther() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/main/java/io/lossgrid/client")),
                Files.list(Path.of("src/main/java/io/lossgrid/wire")))) {
            imports = files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(l -> l.startsWith("import ")).distinct().toList();
        }
        assertTrue(imports.size() > 10, "the sources were read: " + imports);
        assertEquals(List.of(), imports.stream()
                .filter(l -> !l.matches("import (static )?(java\\.|io\\.lossgrid\\.wire\\.).*")).toList());
    }

    private static List<Path> listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
