package io.lossgrid.data;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.base.SpecException;
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
    void aMissingFeatureColumnIsRefusedCountingTheColumnsWithoutListingThem() throws IOException {
        write("c.csv", "x,y\n1,2\n");
        assertRefused("data.features[1] must name a column in the header of c.csv (2 columns), found \"height\"",
                () -> csv("c.csv", List.of("x", "height"), List.of("y")).load(dir));
    }

    @Test
    void aMisspeltLabelColumnIsRefusedWithASuggestion() throws IOException {
        write("c.csv", "x,target\n1,2\n");
        assertRefused("data.label must name a column in the header of c.csv (2 columns), found \"targt\"; did you mean \"target\"?",
                () -> csv("c.csv", List.of("x"), List.of("targt")).load(dir));
    }

    @Test
    void aMissingOneHotColumnIsRefusedAtItsIndex() throws IOException {
        write("c.csv", "x,cat,dog\n1,0,1\n");
        assertRefused("data.label[2] must name a column in the header of c.csv (3 columns), found \"mouse\"",
                () -> csv("c.csv", List.of("x"), List.of("cat", "dog", "mouse")).load(dir));
    }

    @Test
    void aNonNumericCellIsRefusedNamingColumnAndLine() throws IOException {
        write("n.csv", "x,y\n1,2\n3,four\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"y\", found \"four\" at line 3 of n.csv",
                () -> csv("n.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void anEmptyCellIsRefused() throws IOException {
        write("n.csv", "x,y\n,2\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"x\", found \"\" at line 2 of n.csv",
                () -> csv("n.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aNonFiniteCellIsRefused() throws IOException {
        write("n.csv", "x,y\n1,NaN\n");
        assertRefused("data.csv must hold finite numbers in column \"y\", found \"NaN\" at line 2 of n.csv",
                () -> csv("n.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void everySpellingOfInfinityIsRefusedAsNonFinite() throws IOException {
        write("i.csv", "x,y\n1,2\n-Infinity,inf\n");
        assertRefused("data.csv must hold finite numbers in column \"x\", found \"-Infinity\" at line 3 of i.csv",
                () -> csv("i.csv", List.of("x"), List.of("y")).load(dir));
        write("j.csv", "x,y\n1,+INF\n");
        assertRefused("data.csv must hold finite numbers in column \"y\", found \"+INF\" at line 2 of j.csv",
                () -> csv("j.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aValueBeyondTheLargestFloatIsRefusedAsOverflow() throws IOException {
        write("i.csv", "x,y\n1e39,1\n");
        assertRefused("data.csv must hold numbers a float can hold (magnitude at most 3.4028235E38) in column \"x\", "
                + "found \"1e39\" at line 2 of i.csv; rescale the column", () -> csv("i.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void decimalsAsACsvUserWritesThemAreNumbers() throws IOException {
        write("d.csv", "x,y\n1,-2.5\n1e-3,.5\n5.,+7\n\" 8 \", -1.5E+2 \n");
        Table t = csv("d.csv", List.of("x"), List.of("y")).load(dir);
        assertArrayEquals(new float[] {1, 1e-3f, 5, 8}, t.x());
        assertArrayEquals(new float[] {-2.5f, .5f, 7, -150}, t.y());
    }

    @Test
    void aHexFloatIsRefusedWithAHint() throws IOException {
        write("h.csv", "x,y\n0x1p3,1\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"x\", found \"0x1p3\" at line 2 "
                + "of h.csv; write it in decimal", () -> csv("h.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aJavaTypeSuffixIsRefusedWithAHint() throws IOException {
        write("f.csv", "x,y\n1,2\n3,1f\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"y\", found \"1f\" at line 3 "
                + "of f.csv; drop the type suffix", () -> csv("f.csv", List.of("x"), List.of("y")).load(dir));
        write("d.csv", "x,y\n2.5d,2\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"x\", found \"2.5d\" at line 2 "
                + "of d.csv; drop the type suffix", () -> csv("d.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aThousandsSeparatorIsRefusedWithAHint() throws IOException {
        write("t.csv", "x,y\n\"1,000\",2\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"x\", found \"1,000\" at line 2 "
                + "of t.csv; write it without thousands separators", () -> csv("t.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aLongOrInvisibleCellIsQuotedEscapedAndCutShort() throws IOException {
        write("l.csv", "x,y\n1,\"a\u0007\u200Bb\\\"\"c\"\n2,3\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"y\", found \"a\\u0007\\u200Bb\\\\\\\"c\" "
                + "at line 2 of l.csv", () -> csv("l.csv", List.of("x"), List.of("y")).load(dir));
        write("m.csv", "x,y\n1," + "z".repeat(1000) + "\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"y\", found \"" + "z".repeat(32)
                + "…\" at line 2 of m.csv", () -> csv("m.csv", List.of("x"), List.of("y")).load(dir));
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
        assertRefused("data.csv must be UTF-8 text, found bytes that are not UTF-8 in b.csv; save it as UTF-8",
                () -> csv("b.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsSkipped() throws IOException {
        write("bom.csv", "\uFEFFx,y\n1,2\n");
        Table t = csv("bom.csv", List.of("x"), List.of("y")).load(dir);
        assertEquals(List.of("x"), t.features());
        assertArrayEquals(new float[] {1}, t.x());
    }

    @Test
    void crlfAndCrLineEndsAreReadAndCountedOnce() throws IOException {
        write("w.csv", "x,y\r\n1,2\r\n3,4\r\n");
        assertArrayEquals(new float[] {2, 4}, csv("w.csv", List.of("x"), List.of("y")).load(dir).y());
        write("v.csv", "x,y\r\n1,2\r\n\r\n3,bad\r\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"y\", found \"bad\" at line 4 of v.csv",
                () -> csv("v.csv", List.of("x"), List.of("y")).load(dir));
        write("m.csv", "x,y\r1,2\r3,bad\r");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"y\", found \"bad\" at line 3 of m.csv",
                () -> csv("m.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aQuotedCommaStaysInsideItsCell() throws IOException {
        write("c.csv", "\"x, in m\",note,y\n1,\"tall, thin\",2\n3,\"say \"\"hi\"\"\",4\n");
        Table t = csv("c.csv", List.of("x, in m"), List.of("y")).load(dir);
        assertArrayEquals(new float[] {1, 3}, t.x());
        assertArrayEquals(new float[] {2, 4}, t.y());
    }

    @Test
    void aQuotedLineBreakKeepsTheLinesOfLaterErrorsTrue() throws IOException {
        write("q.csv", "x,note,y\n1,\"two\nlines\",2\n3,\"\",bad\n");
        assertRefused("data.csv must hold decimal numbers (like 1, -2.5 or 1e-3) in column \"y\", found \"bad\" at line 4 of q.csv",
                () -> csv("q.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aQuoteThatNeverClosesIsRefusedAtTheLineItOpensOn() throws IOException {
        write("u.csv", "x,y\n1,2\n3,\"4\n5,6\n");
        assertRefused("data.csv must quote cells as RFC 4180 does (a quoted cell ends with its closing quote, then a comma or "
                + "the end of its line), found a malformed quoted cell in the record at line 3 of u.csv; "
                + "write a quote inside a quoted cell twice (\"\")", () -> csv("u.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void textAfterAClosingQuoteIsRefused() throws IOException {
        write("a.csv", "x,y\n1,\"2\"3\n");
        assertRefused("data.csv must quote cells as RFC 4180 does (a quoted cell ends with its closing quote, then a comma or "
                + "the end of its line), found a malformed quoted cell in the record at line 2 of a.csv; "
                + "write a quote inside a quoted cell twice (\"\")", () -> csv("a.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aNamedColumnThatTheHeaderHoldsTwiceIsRefused() throws IOException {
        write("d.csv", "x,y,x\n1,2,3\n");
        assertRefused("data.features[0] must name a column that appears once in the header of d.csv, found \"x\" at columns 1 "
                + "and 3; rename one of them", () -> csv("d.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aRepeatedColumnTheSpecDoesNotNameIsIgnored() throws IOException {
        write("d.csv", ",x,,y\n0,1,a,2\n");
        assertArrayEquals(new float[] {1}, csv("d.csv", List.of("x"), List.of("y")).load(dir).x());
    }

    @Test
    void aFileWithOneColumnPerLineSuggestsTheDelimiter() throws IOException {
        write("s.csv", "x;y\n1;2\n");
        assertRefused("data.features[0] must name a column in the header of s.csv (1 column), found \"x\"; "
                + "the header has one column: is the file comma-separated?", () -> csv("s.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void aFileThatIsNotCsvIsNamedButNoneOfItsTextIsShown() throws IOException {
        Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/sbin/nologin\n");
        Path specDir = Files.createDirectories(dir.resolve("specs/deep"));
        SpecException e = assertThrows(SpecException.class,
                () -> csv("../../passwd", List.of("x"), List.of("y")).load(specDir));
        assertEquals("data.features[0] must name a column in the header of ../../passwd (1 column), found \"x\"; "
                + "the header has one column: is the file comma-separated?", e.getMessage());
        assertFalse(e.getMessage().contains("root"), e.getMessage());
    }

    @Test
    void aBlankFirstLineIsNotAHeader() throws IOException {
        write("b.csv", "\nx,y\n1,2\n");
        assertRefused("data.csv must start with a header row of column names, found a blank line 1 in b.csv",
                () -> csv("b.csv", List.of("x"), List.of("y")).load(dir));
    }

    @Test
    void theNameDefaultsToTheFileNameWithoutExtension() {
        assertEquals("points", csv("some/dir/points.csv", List.of("x"), List.of("y")).name());
        assertEquals("points", csv("points", List.of("x"), List.of("y")).name());
        assertEquals("p.v2", csv("p.v2.csv", List.of("x"), List.of("y")).name());
    }

    @Test
    void aFileWhoseRowsExceedTheDataLimitIsRefusedAsSoonAsTheyDo() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            text.append(i).append(",").append(2 * i).append("\n");
        }
        write("big.csv", text.toString());
        io.lossgrid.spec.Limits limits = new io.lossgrid.spec.Limits(10, 0.5, 80);
        assertRefused("data.csv must fit in limits.maxDataBytes = 80 bytes (its x and y arrays as float), found at least "
                        + "88 bytes (11 rows x (1 inputs + 1 outputs) x 4 bytes) by line 12 of big.csv",
                () -> csv("big.csv", List.of("x"), List.of("y")).load(dir, limits::checkDataSize));
        assertEquals(10, csv("big.csv", List.of("x"), List.of("y")).load(dir, new io.lossgrid.spec.Limits(10, 0.5, 800)
                ::checkDataSize).rows() / 10, "100 rows of 8 bytes fit a limit of 800");
    }
}
