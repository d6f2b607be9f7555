package io.lossgrid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {
    @TempDir
    java.nio.file.Path dir;

    private Configuration conf;
    private FileSystem fs;

    @BeforeEach
    void openTheFileSystemTheSparkSettingsName() throws IOException {
        conf = new Configuration();
        for (Map.Entry<String, String> e : LocalFiles.sparkSettings().entrySet()) {
            conf.set(e.getKey().substring("spark.hadoop.".length()), e.getValue());
        }
        fs = FileSystem.newInstance(URI.create("file:///"), conf);
    }

    @Test
    void theSparkSettingsRouteFileUrisThroughIt() {
        assertInstanceOf(LocalFiles.Fs.class, fs);
        assertInstanceOf(LocalFiles.Raw.class, ((LocalFiles.Fs) fs).getRawFileSystem());
    }

    @Test
    void setPermissionSetsTheNineBits() throws IOException {
        Path file = new Path(dir.resolve("f").toUri());
        try (OutputStream out = fs.create(file)) {
            out.write(1);
        }
        fs.setPermission(file, new FsPermission((short) 0640));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f"))));
        fs.setPermission(file, new FsPermission((short) 0705));
        assertEquals("rwx---r-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f"))));
    }

    @Test
    void mkdirsAppliesTheUmaskToTheRequestedMode() throws IOException {
        fs.mkdirs(new Path(dir.resolve("a/b").toUri()), new FsPermission((short) 0777));
        // Hadoop's default umask is 022
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
    }

    @Test
    void setPermissionOnAMissingPathIsFileNotFoundNamingIt() {
        Path missing = new Path(dir.resolve("missing").toUri());
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> fs.setPermission(missing, new FsPermission((short) 0644)));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("rw-r--r--"),
                e.getMessage());
    }

    @Test
    void theLinkStatusOfAFileOrALinkIsWhatHadoopsOwnLocalFileSystemSays() throws IOException {
        Files.writeString(dir.resolve("target"), "abc");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target"));
        FileSystem hadoops = new org.apache.hadoop.fs.LocalFileSystem();
        hadoops.initialize(URI.create("file:///"), new Configuration());
        for (String name : new String[] {"target", "link"}) {
            Path p = new Path(dir.resolve(name).toUri());
            FileStatus ours = fs.getFileLinkStatus(p);
            FileStatus theirs = hadoops.getFileLinkStatus(p);
            assertEquals(theirs.isSymlink(), ours.isSymlink(), name);
            assertEquals(theirs.getLen(), ours.getLen(), name);
            assertEquals(theirs.getPath(), ours.getPath(), name);
            assertEquals(theirs.getModificationTime(), ours.getModificationTime(), name);
        }
        assertEquals(3, fs.getFileLinkStatus(new Path(dir.resolve("target").toUri())).getLen());
    }

    @Test
    void theLinkStatusOfAMissingPathIsFileNotFound() {
        assertThrows(FileNotFoundException.class,
                () -> fs.getFileLinkStatus(new Path(dir.resolve("missing").toUri())));
    }

    @Test
    void aFileContextRenameOverwritesAndMovesTheChecksum() throws IOException {
        FileContext fc = FileContext.getFileContext(URI.create("file:///"), conf);
        Path from = new Path(dir.resolve("new").toUri());
        Path to = new Path(dir.resolve("old").toUri());
        for (var p : new Path[] {from, to}) {
            try (OutputStream out = fs.create(p)) {
                out.write(p.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        fc.rename(from, to, org.apache.hadoop.fs.Options.Rename.OVERWRITE);
        assertFalse(Files.exists(dir.resolve("new")));
        assertFalse(Files.exists(dir.resolve(".new.crc")));
        assertEquals("new", Files.readString(dir.resolve("old")));
        assertTrue(Files.exists(dir.resolve(".old.crc")));
        // the checksum moved with the file: a checksummed read verifies the new bytes
        try (var in = fs.open(to)) {
            assertEquals("new", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aResultStoreWritesItsManifestAtomicallyThroughIt() {
        ResultDirectory store = ResultDirectory.at(dir.resolve("out").toString(), conf);
        store.writeAtomically(ResultStore.MANIFEST, "{\"a\":1}");
        store.writeAtomically(ResultStore.MANIFEST, "{\"a\":2}");
        assertEquals("{\"a\":2}", store.read(ResultStore.MANIFEST));
        assertFalse(store.exists("." + ResultStore.MANIFEST + ".tmp"));
    }
}
