package io.lossgrid.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file://}) without its child processes.
 *
 * <p>Without Hadoop's native library, which Spark's distribution does not ship, {@link RawLocalFileSystem}
 * runs {@code chmod} in a child process for every file and directory it creates, and {@code readlink} for
 * every {@link org.apache.hadoop.fs.FileContext} rename: about 70 processes forked from a JVM of several
 * hundred MiB for one small sweep, a measurable share of its wall time. {@link Raw} sets permissions with
 * {@code java.nio} instead, and answers a link-status query for a path that is not a symbolic link
 * without {@code readlink}; everything else (checksums, symbolic links, sticky bits, non-POSIX platforms)
 * is Hadoop's own code. The file system API's contract, and the bytes on disk, are unchanged.
 *
 * <p>{@link #sparkSettings()} is the one place that installs it: for {@code FileSystem} and {@code FileContext},
 * on the driver and (through {@code spark.hadoop.*}) on every executor. A setting the user made wins.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /** The Spark settings that route {@code file://} through this class, keyed by setting. */
    public static Map<String, String> sparkSettings() {
        return Map.of(
                "spark.hadoop.fs.file.impl", Fs.class.getName(),
                "spark.hadoop.fs.AbstractFileSystem.file.impl", Context.class.getName());
    }

    /** The checksummed local file system ({@code FileSystem} API) over {@link Raw}. */
    public static final class Fs extends LocalFileSystem {
        public Fs() {
            super(new Raw());
        }
    }

    /** The checksummed local file system as {@code FileContext} sees it, over {@link Raw}. */
    public static final class Context extends ChecksumFs {
        /** The signature {@code AbstractFileSystem.createFileSystem} calls. */
        public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(new RawContext(uri, conf));
        }
    }

    /** {@link Raw} behind the {@code AbstractFileSystem} API, as Hadoop's {@code RawLocalFs} is. */
    public static final class RawContext extends DelegateToFileSystem {
        public RawContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        @Override
        public FsServerDefaults getServerDefaults(Path f) throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        @Deprecated
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            return true;
        }
    }

    /** The raw (unchecksummed) layer: Hadoop's, less the child processes. */
    public static final class Raw extends RawLocalFileSystem {
        /**
         * Sets the nine permission bits with {@code java.nio}; a missing path is a
         * {@link FileNotFoundException}. Sticky bits and file systems without POSIX attributes go to Hadoop.
         */
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            java.nio.file.Path file = pathToFile(p).toPath();
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view == null || permission.getStickyBit()) {
                super.setPermission(p, permission);
                return;
            }
            try {
                view.setPermissions(posix(permission.toShort()));
            } catch (NoSuchFileException e) {
                FileNotFoundException missing = new FileNotFoundException("cannot set the permission of "
                        + p + " to " + permission + ": no such file or directory");
                missing.initCause(e);
                throw missing;
            }
        }

        /** A path that is not a symbolic link has the status {@link #getFileStatus} gives; links go to Hadoop. */
        @Override
        public FileStatus getFileLinkStatus(Path f) throws IOException {
            if (!Files.isSymbolicLink(pathToFile(f).toPath())) {
                return getFileStatus(f);
            }
            return super.getFileLinkStatus(f);
        }
    }

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    /** The POSIX permissions of the low nine bits of {@code mode} ({@code 0640} is rw-r-----). */
    static Set<PosixFilePermission> posix(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                out.add(BITS[bit]);
            }
        }
        return out;
    }
}
