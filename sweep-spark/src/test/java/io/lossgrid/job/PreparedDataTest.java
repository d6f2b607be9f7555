package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.base.SpecException;
import io.lossgrid.spec.SpecLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedDataTest {
    @TempDir
    Path dir;

    @Test
    void anErrorInTheSecondDataSetNamesItsIndexAndKeepsItsHint() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "x,y\n0,1\n1,3\n");
        Files.writeString(dir.resolve("b.csv"), "input,y\n0,1\n1,3\n");
        var spec = SpecLoader.parse("""
                name: two
                data:
                  - {csv: a.csv, features: [x], label: y}
                  - {csv: b.csv, features: [inputs], label: y}
                model: {type: linear}
                loss: mse
                training: {epochs: 2}
                grid: {learningRate: [0.1], optimizer: [sgd]}
                """, dir);
        SpecException e = assertThrows(SpecException.class, () -> PreparedData.load(spec));
        assertEquals("data[1].features[0] must name a column in the header of b.csv (2 columns), found \"inputs\"; "
                + "did you mean \"input\"?", e.getMessage());
    }

    private void image(String file) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY), "png", p.toFile());
    }

    private static final String IMAGE_SPEC = """
            name: pics
            data: {images: pics, size: [2, 3]}
            model: {type: linear}
            loss: xent
            training: {epochs: 2}
            grid: {learningRate: [0.1], optimizer: [sgd]}
            """;

    @Test
    void anImageFolderRecordsItsClassNamesAndShapeForSweepJson() throws IOException {
        image("pics/dog/1.png");
        image("pics/cat/1.png");
        image("pics/cat/2.png");
        PreparedData data = PreparedData.load(SpecLoader.parse(IMAGE_SPEC, dir));
        Map<String, Object> d = data.tables().get(0);
        assertEquals(List.of("cat", "dog"), d.get("classes"));
        assertEquals(List.of(1, 2, 3), d.get("shape"));
        assertEquals(3, d.get("rows"));
        assertEquals(6, ((List<?>) d.get("features")).size(), "one feature per pixel");
        assertEquals(2, data.all().iterator().next().outputs(), "two classes, one-hot");
    }

    @Test
    void anImageFolderBeyondMaxDataBytesIsRefusedBeforeAnyImageIsDecoded() throws IOException {
        image("pics/a/1.png");
        Files.createDirectories(dir.resolve("pics/b"));
        Files.writeString(dir.resolve("pics/b/broken.png"), "never decoded");
        var spec = SpecLoader.parse(IMAGE_SPEC + "limits: {maxDataBytes: 40}\n", dir);
        SpecException e = assertThrows(SpecException.class, () -> PreparedData.load(spec));
        assertEquals("data.images must fit in limits.maxDataBytes = 40 bytes (its x and y arrays as float), found 56 bytes "
                + "(2 rows x (6 inputs + 1 outputs) x 4 bytes)", e.getMessage());
    }

    @Test
    void aCsvFileBeyondTheDataLimitIsRefusedWhileItIsRead() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "x,y\n0,1\n");
        Files.writeString(dir.resolve("b.csv"), "x,y\n0,1\n1,0\n2,1\n3,1\n");
        var spec = SpecLoader.parse("""
                name: two
                data:
                  - {csv: a.csv, features: [x], label: y}
                  - {csv: b.csv, features: [x], label: y}
                model: {type: linear}
                loss: bce
                training: {epochs: 2}
                grid: {learningRate: [0.1], optimizer: [sgd]}
                limits: {maxDataBytes: 24}
                """, dir);
        SpecException e = assertThrows(SpecException.class, () -> PreparedData.load(spec));
        assertEquals("data[1].csv must fit in limits.maxDataBytes = 24 bytes (its x and y arrays as float), found at least "
                + "32 bytes (4 rows x (1 inputs + 1 outputs) x 4 bytes) by line 5 of b.csv", e.getMessage());
    }

    @Test
    void eachLossGetsItsLabelsAndALabelThatDoesNotFitIsRefusedNamingItsRow() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "x,y\n0,1\n1,0\n2,2\n");
        var spec = SpecLoader.parse("""
                name: labels
                data: {csv: a.csv, features: [x], label: y}
                model: {type: linear}
                loss: [xent, {name: focal, gamma: 2}, bce]
                training: {epochs: 2}
                grid: {learningRate: [0.1], optimizer: [sgd]}
                """, dir);
        SpecException e = assertThrows(SpecException.class, () -> PreparedData.load(spec));
        assertEquals("data.label must hold 0 or 1 for loss bce, found 2.0 in row 3", e.getMessage());
    }
}
