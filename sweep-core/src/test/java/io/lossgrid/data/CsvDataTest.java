package io.lossgrid.data;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CSV files, and the one-line refusals of files that do not fit the spec. */
class CsvDataTest {
    @TempDir
    Path dir;

    private CsvData csv(String file, List<String> features, List<String> label) {
        return new CsvData(null, file, features, label);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsTheNamedColumnsInTheOrderTheSpecGives() throws IOException {
        write("d.csv", "id,b,a,y\n1,10,20,0.5\n2,11,21,-1.5e2\n");
        Table t = csv("d.csv", List.of("a", "b"), List.of("y")).load(dir);
        assertEquals(2, t.rows());
        assertEquals(List.of("a", "b"), t.features());
        assertArrayEquals(new float[] {20, 10, 21, 11}, t.x());
        assertArrayEquals(new float[] {0.5f, -150f}, t.y());
        assertEquals("d", t.name());
        assertEquals("data.label", t.labelPath());
    }

    @Test
    void quotedCellsBlankLinesAndSurroundingSpacesAreAccepted() throws IOException {
        write("q.csv", "\"x\", \"y\"\n\"1\", 2 \n\n 3 ,\"4\"\n");
        Table t = csv("q.csv", List.of("x"), List.of("y")).load(dir);
        assertArrayEquals(new float[] {1, 3}, t.x());
        assertArrayEquals(new float[] {2, 4}, t.y());
    }

    @Test
    void relativePathsResolveAgainstTheSpecDirectoryAndAbsoluteOnesDoNot() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("s.csv"), "x,y\n1,2\n");
        assertEquals(1, csv("sub/s.csv", List.of("x"), List.of("y")).load(dir).rows());
        assertEquals(1, csv(sub.resolve("s.csv").toString(), List.of("x"), List.of("y")).load(Path.of("/nonexistent")).rows());
    }

    @Test
    void aMissingFileIsRefusedNamingWhereItWasLookedFor() {
        Path resolved = dir.resolve("missing.csv").toAbsolutePath();
        assertRefused("data.csv must name a readable file (relative paths start at the spec's directory), found "
                + "\"missing.csv\" (resolved to " + resolved + ")", () -> csv("missing.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aDirectoryIsNotAFile() throws IOException {
        Files.createDirectories(dir.resolve("folder.csv"));
        assertRefused("data.csv must name a readable file (relative paths start at the spec's directory), found "
                        + "\"folder.csv\" (resolved to " + dir.resolve("folder.csv").toAbsolutePath() + ")",
                () -> csv("folder.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        write("e.csv", "");
        assertRefused("data.csv must start with a header row of column names, found an empty file",
                () -> csv("e.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aHeaderWithoutRowsIsRefused() throws IOException {
        write("h.csv", "x,y\n\n");
        assertRefused("data.csv must hold at least one row of data after its header, found none in h.csv",
                () -> csv("h.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aMissingFeatureColumnIsRefusedNamingTheColumns() throws IOException {
        write("c.csv", "x,y\n1,2\n");
        assertRefused("data.features[1] must name a column of c.csv (columns: x, y), found \"height\"",
                () -> csv("c.csv", List.of("x", "height"), List.of("y")).load(dir));
    }

    @Test
    void aMisspeltLabelColumnIsRefusedWithASuggestion() throws IOException {
        write("c.csv", "x,target\n1,2\n");
        assertRefused("data.label must name a column of c.csv (columns: x, target), found \"targt\"; did you mean \"target\"?",
                () -> csv("c.csv", List.of("x"), List.of("targt")).load(dir));
    }

    @Test
    void aMissingOneHotColumnIsRefusedAtItsIndex() throws IOException {
        write("c.csv", "x,cat,dog\n1,0,1\n");
        assertRefused("data.label[2] must name a column of c.csv (columns: x, cat, dog), found \"mouse\"",
                () -> csv("c.csv", List.of("x"), List.of("cat", "dog", "mouse")).load(dir));
    }

    @Test
    void aNonNumericCellIsRefusedNamingColumnAndLine() throws IOException {
        write("n.csv", "x,y\n1,2\n3,four\n");
        assertRefused("data.csv must hold finite numbers in column \"y\", found \"four\" at line 3 of n.csv",
                () -> csv("n.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void anEmptyCellIsRefused() throws IOException {
        write("n.csv", "x,y\n,2\n");
        assertRefused("data.csv must hold finite numbers in column \"x\", found \"\" at line 2 of n.csv",
                () -> csv("n.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aNonFiniteCellIsRefused() throws IOException {
        write("n.csv", "x,y\n1,NaN\n");
        assertRefused("data.csv must hold finite numbers in column \"y\", found \"NaN\" at line 2 of n.csv",
                () -> csv("n.csv", List.of("x"), List.of("y")).load(dir));
        write("i.csv", "x,y\n1e39,1\n");
        assertRefused("data.csv must hold finite numbers in column \"x\", found \"1e39\" at line 2 of i.csv",
                () -> csv("i.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aRaggedLineIsRefusedNamingItsCellCount() throws IOException {
        write("r.csv", "x,y\n1,2\n3,4,5\n");
        assertRefused("data.csv must have 2 cells on every line like its header, found 3 cells at line 3 of r.csv",
                () -> csv("r.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Files.write(dir.resolve("b.csv"), new byte[] {'x', ',', 'y', '\n', (byte) 0xff, (byte) 0xfe, ',', '1', '\n'});
        assertRefused("data.csv must be readable, found \"b.csv\" (Input length = 1)",
                () -> csv("b.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void theNameDefaultsToTheFileNameWithoutExtension() {
        assertEquals("points", csv("some/dir/points.csv", List.of("x"), List.of("y")).name());
        assertEquals("points", csv("points", List.of("x"), List.of("y")).name());
        assertEquals("p.v2", csv("p.v2.csv", List.of("x"), List.of("y")).name());
    }
}
