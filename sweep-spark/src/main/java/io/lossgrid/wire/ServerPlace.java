package io.lossgrid.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Where this user's query server for one class path listens: {@code query-KEY.sock} in a directory only the user
 * can enter, {@code ${XDG_RUNTIME_DIR:-/tmp}/lossgrid-UID} (mode 0700, owned by the user; anything else there is
 * refused, so another user can neither listen in the user's place nor read the calls). KEY stands for the class
 * path and the working directory: two checkouts of lossgrid each talk to a server running their own code, and a
 * server runs in its callers' directory, so that a relative path inside a query's text (such as
 * {@code parquet.`results/trials`}) names what it names in-process. Next to the socket:
 * {@code server-KEY.lock} (held by the one server that runs) and {@code server-KEY.log} (its stderr).
 *
 * @param directory the private directory
 * @param key       the key of the class path and working directory: 12 hexadecimal digits
 */
public record ServerPlace(Path directory, String key) {
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    public ServerPlace {
        if (directory == null || !directory.isAbsolute()) {
            throw new IllegalArgumentException("the query server's directory must be an absolute path, found " + directory);
        }
        if (key == null || !key.matches("[0-9a-f]{12}")) {
            throw new IllegalArgumentException("a query server's key must be 12 hexadecimal digits, found " + key);
        }
    }

    /** The place in {@code directory} of the server that {@code identity} (class path and directory) names. */
    public static ServerPlace of(Path directory, String identity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return new ServerPlace(directory, HexFormat.of().formatHex(hash, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * This user's place for {@code classPath} run in {@code workingDirectory} (absolute): under
     * {@code XDG_RUNTIME_DIR} when set, else under {@code /tmp}.
     */
    public static ServerPlace forUser(Map<String, String> env, String classPath, Path workingDirectory) {
        String base = env.get("XDG_RUNTIME_DIR");
        if (base == null || base.isBlank() || !Path.of(base).isAbsolute()) {
            base = "/tmp";
        }
        return of(Path.of(base, "lossgrid-" + uid()), classPath + "\n" + workingDirectory.toAbsolutePath().normalize());
    }

    public Path socket() {
        return directory.resolve("query-" + key + ".sock");
    }

    public Path lock() {
        return directory.resolve("server-" + key + ".lock");
    }

    public Path log() {
        return directory.resolve("server-" + key + ".log");
    }

    /**
     * Creates the directory (mode 0700) if it is missing, and checks it: a directory owned by this user that
     * no one else may enter.
     *
     * @throws IOException naming the directory, what was found and what to do, when it is not private
     */
    public ServerPlace ensurePrivate() throws IOException {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (FileAlreadyExistsException e) {
            // checked below, as a directory found there
        }
        checkPrivate();
        return this;
    }

    /** Checks an existing directory as {@link #ensurePrivate} does, without creating it. */
    public void checkPrivate() throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the query server's directory " + directory + " must be a directory, found "
                    + (Files.exists(directory, LinkOption.NOFOLLOW_LINKS) ? "another kind of file" : "nothing")
                    + "; remove it");
        }
        int owner = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != uid()) {
            throw new IOException("the query server's directory " + directory + " must be owned by uid " + uid()
                    + ", found uid " + owner + "; remove it or set XDG_RUNTIME_DIR");
        }
        Set<PosixFilePermission> found = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        if (!found.equals(PRIVATE)) {
            throw new IOException("the query server's directory " + directory + " must have mode rwx------, found "
                    + PosixFilePermissions.toString(found) + "; run 'chmod 700 " + directory + "'");
        }
    }

    /** Whether the socket exists as a socket owned by this user (a file of another kind or owner is never used). */
    public boolean socketIsOurs() throws IOException {
        Path s = socket();
        if (!Files.exists(s, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        boolean other = Files.readAttributes(s, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        int owner = (Integer) Files.getAttribute(s, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return other && owner == uid();
    }

    /** The user id of this process (the owner of {@code /proc/self}). */
    public static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("the query server needs Linux's /proc to know the user id: " + e.getMessage(), e);
        }
    }
}
