package io.lossgrid.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.base.SpecException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders, torchvision's ImageFolder convention: fixtures are written with ImageIO into a temporary folder. */
class ImageFolderDataTest {
    @TempDir
    Path dir;

    /** A grey image whose pixel (h, w) is {@code base + 10 h + w}. */
    private Path grey(String file, int height, int width, int base) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                img.getRaster().setSample(w, h, 0, base + 10 * h + w);
            }
        }
        return write(img, file, "png");
    }

    private Path write(BufferedImage img, String file, String format) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        if (!ImageIO.write(img, format, p.toFile())) {
            throw new IOException("no " + format + " writer");
        }
        return p;
    }

    private static ImageFolderData folder(int height, int width, int channels) {
        return new ImageFolderData(null, "pics", height, width, channels);
    }

    @Test
    void classesAreTheSubfoldersInSortedOrderAndLabelsTheirIndexes() throws IOException {
        grey("pics/zebra/a.png", 2, 3, 0);
        grey("pics/cat/b.png", 2, 3, 100);
        grey("pics/cat/a.png", 2, 3, 50);
        Table t = folder(2, 3, 1).load(dir);
        assertEquals(List.of("cat", "zebra"), folder(2, 3, 1).classNames(dir));
        assertEquals(3, t.rows());
        assertArrayEquals(new float[] {0, 0, 1}, t.y(), "cat/a, cat/b, then zebra/a");
        assertEquals(50 / 255f, t.x()[0], 1e-7, "cat/a.png comes first (files in sorted order)");
        assertEquals(100 / 255f, t.x()[6], 1e-7, "then cat/b.png");
    }

    @Test
    void greyPixelsAreScaledToZeroOneInRowMajorOrder() throws IOException {
        grey("pics/a/x.png", 2, 3, 200);
        grey("pics/b/x.png", 2, 3, 0);
        Table t = folder(2, 3, 1).load(dir);
        float[] first = java.util.Arrays.copyOf(t.x(), 6);
        assertArrayEquals(new float[] {200 / 255f, 201 / 255f, 202 / 255f, 210 / 255f, 211 / 255f, 212 / 255f}, first, 1e-6f);
        assertEquals(List.of("pixel_0_0_0", "pixel_0_0_1"), t.features().subList(0, 2));
        assertEquals(List.of("class"), t.labels());
    }

    @Test
    void colourImagesGiveThreePlanesRedGreenBlue() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0080);
        img.setRGB(1, 0, 0x00FF00);
        write(img, "pics/a/c.png", "png");
        grey("pics/b/g.png", 1, 2, 0);
        Table t = folder(1, 2, 3).load(dir);
        assertEquals(6, t.features().size());
        assertArrayEquals(new float[] {1, 0, 0, 1, 128 / 255f, 0}, java.util.Arrays.copyOf(t.x(), 6), 1e-6f);
    }

    @Test
    void jpegFilesAreReadAndEveryImageIsResizedToTheSize() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int h = 0; h < 8; h++) {
            for (int w = 0; w < 8; w++) {
                img.getRaster().setSample(w, h, 0, 128);
            }
        }
        write(img, "pics/a/big.jpg", "jpg");
        grey("pics/b/small.PNG", 2, 2, 128);
        Table t = folder(4, 4, 1).load(dir);
        assertEquals(2, t.rows());
        assertEquals(16, t.features().size());
        for (int i = 0; i < 16; i++) {
            assertEquals(128 / 255f, t.x()[i], 3 / 255f, "a flat grey JPEG stays flat grey after resizing");
        }
    }

    @Test
    void theGuardIsAskedWithTheImageCountBeforeAnyImageIsDecoded() throws IOException {
        grey("pics/a/1.png", 2, 2, 0);
        grey("pics/a/2.png", 2, 2, 0);
        Files.createDirectories(dir.resolve("pics/b"));
        Files.writeString(dir.resolve("pics/b/never-decoded.png"), "not a png");
        Files.writeString(dir.resolve("pics/b/notes.txt"), "not an image either, and not counted");
        SpecException e = assertThrows(SpecException.class, () -> folder(2, 2, 3).load(dir, (path, rows, inputs, outputs) -> {
            throw new SpecException(path, "was asked", rows + " rows x " + inputs + " inputs + " + outputs);
        }));
        assertEquals("data.images was asked, found 3 rows x 12 inputs + 1", e.getMessage());
    }

    @Test
    void anImageThatCannotBeDecodedIsNamed() throws IOException {
        grey("pics/a/ok.png", 2, 2, 0);
        Files.createDirectories(dir.resolve("pics/b"));
        Files.writeString(dir.resolve("pics/b/broken.png"), "not a png");
        SpecException e = assertThrows(SpecException.class, () -> folder(2, 2, 1).load(dir));
        assertEquals("data.images must hold images ImageIO can decode (PNG or JPEG), found \"pics/b/broken.png\" "
                + "(no decoder took it); re-save or delete that file", e.getMessage());
    }

    @Test
    void aFolderWithOneClassIsRefused() throws IOException {
        grey("pics/only/a.png", 2, 2, 0);
        SpecException e = assertThrows(SpecException.class, () -> folder(2, 2, 1).load(dir));
        assertEquals("data.images must hold at least two class folders (one subfolder per class, its images inside), "
                + "found 1 in \"pics\" (\"only\")", e.getMessage());
    }

    @Test
    void aMissingFolderIsRefusedWithItsResolvedPath() {
        SpecException e = assertThrows(SpecException.class, () -> folder(2, 2, 1).load(dir));
        assertEquals("data.images must name a readable folder (relative paths start at the spec's directory), found "
                + "\"pics\" (resolved to " + dir.resolve("pics").toAbsolutePath() + ")", e.getMessage());
    }

    @Test
    void classFoldersWithoutImagesAreRefused() throws IOException {
        Files.createDirectories(dir.resolve("pics/a"));
        Files.createDirectories(dir.resolve("pics/b"));
        SpecException e = assertThrows(SpecException.class, () -> folder(2, 2, 1).load(dir));
        assertEquals("data.images must hold PNG or JPEG files in its class folders, found none in \"pics\"", e.getMessage());
    }

    @Test
    void anImageSizeOfZeroIsRefused() {
        SpecException e = assertThrows(SpecException.class, () -> folder(0, 2, 1));
        assertEquals("size must be [height, width], each between 1 and 10000, found [0, 2]", e.getMessage());
    }
}
