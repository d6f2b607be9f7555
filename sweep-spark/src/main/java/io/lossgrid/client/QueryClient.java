package io.lossgrid.client;

import io.lossgrid.wire.ServerPlace;
import io.lossgrid.wire.ServerSettings;
import io.lossgrid.wire.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@code scripts/sweep} runs for {@code sql} and the table verbs: the call goes to this user's query server
 * when one answers, else it runs in this JVM exactly as {@code io.lossgrid.cli.Main} runs it, and then (when it
 * succeeded, and unless {@code --no-server} or {@code LOSSGRID_QUERY_SERVER=off}) a server is started in the
 * background for the next calls. {@code sql --stop-server} stops the server. Only calls the server can answer
 * byte for byte go to it ({@link #request}); the others, and a server that declines, breaks off or dies, run here,
 * so nothing is printed twice or lost. This class loads JDK classes only, until it runs a call itself.
 */
public final class QueryClient {
    /**
     * A system property the launcher may set to a file name: the client creates that file when the server answered
     * the call (the launcher then keeps no class-data archive recorded by this JVM, which loaded no Spark class).
     */
    static final String SERVED_MARKER = "lossgrid.client.servedMarker";
    /** The verbs that are not queries: never sent to the server. */
    private static final Set<String> NOT_QUERIES = Set.of("run", "analyze", "report", "schema", "help");

    private QueryClient() {
    }

    public static void main(String[] argv) {
        System.exit(run(List.of(argv), System.getenv(), Path.of("").toAbsolutePath(), QueryClient::inProcess, true));
    }

    /**
     * Runs one command line: {@code --stop-server}, through the server, or here with {@code local}, then starting a
     * server when {@code startServer}. Returns the exit status.
     */
    public static int run(List<String> argv, Map<String, String> env, Path cwd, Function<List<String>, Integer> local,
                   boolean startServer) {
        ServerSettings settings;
        try {
            settings = ServerSettings.from(env);
        } catch (IllegalArgumentException e) {
            System.err.println("lossgrid: " + e.getMessage());
            return 2;
        }
        ServerPlace place = ServerPlace.forUser(env, System.getProperty("java.class.path"), cwd);
        if (!argv.isEmpty() && argv.get(0).equals("sql") && argv.contains(ServerSettings.STOP_SERVER)) {
            System.err.println(stop(place) ? "[lossgrid] the query server stopped" : "[lossgrid] no query server was running");
            return 0;
        }
        List<String> args = new ArrayList<>(argv);
        boolean use = !args.removeIf(ServerSettings.NO_SERVER::equals) && settings.enabled();
        Optional<Wire.Request> request = use ? request(args, cwd) : Optional.empty();
        if (request.isPresent()) {
            Optional<Wire.Answer> answer = ask(place, request.get());
            if (answer.isPresent()) {
                print(answer.get());
                markServed();
                return answer.get().status();
            }
        }
        int status = local.apply(args);
        if (status == 0 && request.isPresent() && startServer) {
            start(place, request.get(), cwd);
        }
        return status;
    }

    /**
     * The call for the server when it can answer it exactly as this JVM would: {@code sql DIR QUERY} or
     * {@code sql DIR -f FILE}, or a table verb {@code VERB DIR}, each with at most {@code --format}. DIR and FILE
     * are made absolute against {@code cwd} (the server runs elsewhere); DIR stays as given when it is a URI.
     * Empty for any other shape (other options, a shell, statements on standard input, help), which runs here.
     */
    public static Optional<Wire.Request> request(List<String> args, Path cwd) {
        if (args.isEmpty() || NOT_QUERIES.contains(args.get(0)) || args.get(0).startsWith("-")) {
            return Optional.empty();
        }
        boolean sql = args.get(0).equals("sql");
        List<String> positional = new ArrayList<>();
        List<String> options = new ArrayList<>();
        boolean file = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--format") && i + 1 < args.size()) {
                options.add(a);
                options.add(args.get(++i));
            } else if (a.startsWith("--format=")) {
                options.add(a);
            } else if (sql && (a.equals("-f") || a.equals("--file")) && i + 1 < args.size()) {
                file = true;
                options.add("-f");
                options.add(cwd.resolve(args.get(++i)).toString());
            } else if (sql && a.startsWith("--file=")) {
                file = true;
                options.add("-f");
                options.add(cwd.resolve(a.substring("--file=".length())).toString());
            } else if (a.startsWith("-")) {
                return Optional.empty();
            } else {
                positional.add(a);
            }
        }
        int max = sql ? 2 : 1;
        if (positional.isEmpty() || positional.size() > max || positional.get(0).isBlank()
                || (sql && positional.size() == 1 && !file)) {
            return Optional.empty();
        }
        String dir = positional.get(0).matches("[A-Za-z][A-Za-z0-9+.-]*:/.*") ? positional.get(0)
                : cwd.resolve(positional.get(0)).toString();
        List<String> call = new ArrayList<>();
        call.add(args.get(0));
        call.add(dir);
        call.addAll(positional.subList(1, positional.size()));
        call.addAll(options);
        return Optional.of(new Wire.Request(dir, call));
    }

    /**
     * The server's answer to a call; empty when no server of this user answers (no private directory, no socket,
     * nobody listening), when it declines the call, or when the answer breaks off.
     */
    public static Optional<Wire.Answer> ask(ServerPlace place, Wire.Request request) {
        try {
            place.checkPrivate();
            if (!place.socketIsOurs()) {
                return Optional.empty();
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(place.socket()));
                Wire.writeRequest(Channels.newOutputStream(channel), request);
                return Optional.ofNullable(Wire.readAnswer(Channels.newInputStream(channel)));
            }
        } catch (IOException e) {
            return Optional.empty(); // no server, or one that died: the caller runs the call itself
        }
    }

    /** Asks the server to stop; false when none answered. */
    public static boolean stop(ServerPlace place) {
        try {
            place.checkPrivate();
            if (!place.socketIsOurs()) {
                return false;
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(place.socket()));
                Wire.writeStop(Channels.newOutputStream(channel));
                return Wire.readAnswer(Channels.newInputStream(channel)) != null;
            }
        } catch (IOException e) {
            return false; // nobody listening: nothing to stop
        }
    }

    /** Prints an answer as the call would have printed it here (the same writers as {@code Main.execute}). */
    private static void print(Wire.Answer answer) {
        PrintWriter out = new PrintWriter(System.out, true);
        out.print(answer.out());
        out.flush();
        PrintWriter err = new PrintWriter(System.err, true);
        err.print(answer.err());
        err.flush();
    }

    private static void markServed() {
        String marker = System.getProperty(SERVED_MARKER);
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), "");
            } catch (IOException e) {
                System.err.println("[lossgrid] cannot write " + marker + " (" + e.getMessage() + "); the class-data"
                        + " archive this JVM records will hold no Spark class");
            }
        }
    }

    /** Runs a command line in this JVM with {@code io.lossgrid.cli.Main} (found by name: this class loads no Spark). */
    private static int inProcess(List<String> args) {
        try {
            return (Integer) Class.forName("io.lossgrid.cli.Main").getMethod("execute", String[].class)
                    .invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("io.lossgrid.cli.Main is not on the class path: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a query server in the background, in a session of its own (so that Ctrl-C in this terminal leaves it
     * running), with this JVM's options and class path, in {@code cwd} (the caller's working directory, which the
     * place's key names: a relative path in a query's text resolves as it does in-process); it answers
     * {@code warmUp} first (its output dropped), then listens. A server that is already starting exits at once (it
     * finds the lock held). Says so on stderr when it cannot start one.
     */
    public static void start(ServerPlace place, Wire.Request warmUp, Path cwd) {
        try {
            place.ensurePrivate();
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid");
            }
            cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!option.startsWith("-XX:ArchiveClassesAtExit") && !option.startsWith("-D" + SERVED_MARKER)) {
                    cmd.add(option);
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("io.lossgrid.cli.QueryServer");
            cmd.add(warmUp.dir());
            cmd.addAll(warmUp.args());
            new ProcessBuilder(cmd).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(place.log().toFile()))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            System.err.println("[lossgrid] no query server started: " + e.getMessage());
        }
    }
}
