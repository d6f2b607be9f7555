package io.lossgrid.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The query server's protocol, one call per connection. The client sends a request: {@link #MAGIC}, the kind
 * ({@link #CALL} or {@link #STOP}), then for a call the results directory (absolute) and the command line's
 * arguments (paths made absolute), each a length and UTF-8 bytes. The server answers once the call has
 * finished, with its whole output: {@link #MAGIC}, then {@link #DONE}, the exit status, stdout and stderr; or
 * {@link #DECLINED} when it will not run the call (the client then runs it itself). An answer that breaks off
 * (a server that died) is an {@link IOException}, and nothing of it has been printed.
 */
public final class Wire {
    public static final int MAGIC = 0x4c475131; // "LGQ1"
    public static final int CALL = 1;
    public static final int STOP = 2;
    public static final int DONE = 0;
    public static final int DECLINED = 1;
    private static final int MAX_STRING = 256 << 20;

    private Wire() {
    }

    /**
     * A call for the server.
     *
     * @param dir  the results directory, absolute (or a URI)
     * @param args the command line, verb first, its paths absolute
     */
    public record Request(String dir, List<String> args) {
        public Request {
            if (dir == null || dir.isBlank()) {
                throw new IllegalArgumentException("a query server call needs its results directory, found none");
            }
            args = List.copyOf(args);
            if (args.isEmpty()) {
                throw new IllegalArgumentException("a query server call needs a verb, found no arguments");
            }
        }
    }

    /**
     * What a call printed and returned.
     *
     * @param status the exit status
     * @param out    what it printed on stdout
     * @param err    what it printed on stderr
     */
    public record Answer(int status, String out, String err) {
        public Answer {
            if (out == null || err == null) {
                throw new IllegalArgumentException("an answer's output must not be null; give \"\" for none");
            }
        }
    }

    public static void writeRequest(OutputStream stream, Request request) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(CALL);
        writeString(out, request.dir());
        out.writeInt(request.args().size());
        for (String a : request.args()) {
            writeString(out, a);
        }
        out.flush();
    }

    public static void writeStop(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(STOP);
        out.flush();
    }

    /** Reads a request: a {@link Request}, or null for a request to stop. */
    public static Request readRequest(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        magic(in);
        int kind = in.readInt();
        if (kind == STOP) {
            return null;
        }
        if (kind != CALL) {
            throw new IOException("a query server request must be a call (1) or stop (2), found kind " + kind);
        }
        String dir = readString(in);
        int n = in.readInt();
        if (n < 1 || n > 10_000) {
            throw new IOException("a query server call must hold 1 to 10000 arguments, found " + n);
        }
        List<String> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            args.add(readString(in));
        }
        return new Request(dir, args);
    }

    /** Writes the answer to a call that ran. */
    public static void writeAnswer(OutputStream stream, Answer answer) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(DONE);
        out.writeInt(answer.status());
        writeString(out, answer.out());
        writeString(out, answer.err());
        out.flush();
    }

    /** Writes the answer that the server will not run a call. */
    public static void writeDeclined(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(DECLINED);
        out.flush();
    }

    /** Reads an answer: the call's, or null when the server declined it. */
    public static Answer readAnswer(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        magic(in);
        int kind = in.readInt();
        if (kind == DECLINED) {
            return null;
        }
        if (kind != DONE) {
            throw new IOException("a query server answer must be done (0) or declined (1), found kind " + kind);
        }
        int status = in.readInt();
        return new Answer(status, readString(in), readString(in));
    }

    private static void magic(DataInputStream in) throws IOException {
        int m;
        try {
            m = in.readInt();
        } catch (EOFException e) {
            throw new IOException("the query server closed the connection before it answered", e);
        }
        if (m != MAGIC) {
            throw new IOException("not a lossgrid query server message: it starts with 0x" + Integer.toHexString(m)
                    + ", not 0x" + Integer.toHexString(MAGIC));
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("a query server string must hold 0 to " + MAX_STRING + " bytes, found " + n);
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("the query server's message broke off after " + b.length + " of " + n + " bytes");
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
