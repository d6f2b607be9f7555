package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in a folder with one subfolder per class, the torchvision {@code ImageFolder} convention: class
 * {@code i} is the {@code i}-th subfolder in sorted name order, its examples every PNG and JPEG file below
 * it (subfolders included) in sorted path order. Each image is decoded with the JDK's ImageIO, scaled to
 * [0, 1] (grey images from their raw samples, colour ones as sRGB), turned into {@code channels} channels
 * (colour to grey as ITU-R 601 luma, as torchvision's {@code Grayscale}; grey to colour by repeating it) and
 * resized bilinearly to {@code height x width} unless it has that size already. An example's inputs are its pixels in {@code channels x height x width} order; the label column
 * {@code class} holds the class index.
 *
 * @param name     the data set's name (default: the folder's name)
 * @param dir      the folder as the spec wrote it, relative to the spec's directory unless absolute
 * @param height   rows of pixels each image is resized to
 * @param width    columns of pixels each image is resized to
 * @param channels 1 (grey) or 3 (RGB)
 */
public record ImageFolderData(String name, String dir, int height, int width, int channels) implements DataSpec {
    /** Where errors point: the spec's folder field. */
    private static final String WHERE = "data." + DataSpecs.IMAGES_DIR.key();

    public ImageFolderData {
        if (!DataSpecs.SIZE.rules().get(0).test().test(List.of(height, width))) {
            throw new SpecException(DataSpecs.SIZE.key(), DataSpecs.SIZE.rules().get(0).text(), List.of(height, width).toString());
        }
        DataSpecs.CHANNELS.check(channels);
        if (dir == null || dir.isBlank()) {
            throw SpecException.of(DataSpecs.IMAGES_DIR.key(), "must name a folder", dir);
        }
        if (name == null || name.isBlank()) {
            name = SparkSource.baseName(dir);
        }
    }

    /** Each example's shape. */
    public ImageShape shape() {
        return new ImageShape(channels, height, width);
    }

    @Override
    public java.util.Optional<ImageShape> imageShape() {
        return java.util.Optional.of(shape());
    }

    /** {@code [height, width]}, as the spec writes it. */
    public List<Integer> size() {
        return List.of(height, width);
    }

    /**
     * The class folders' names in sorted order: class {@code i} is the {@code i}-th.
     *
     * @throws SpecException when the folder is missing or holds fewer than two subfolders
     */
    @Override
    public List<String> classNames(Path baseDir) {
        return classFolders(folder(baseDir)).stream().map(p -> p.getFileName().toString()).toList();
    }

    /**
     * Lists the images, asks {@code guard} about {@code images x (channels x height x width + 1)} floats before
     * any is decoded, then decodes them in class order.
     *
     * @throws SpecException when the folder is missing, holds fewer than two class folders or no image, the data
     *                       is too large, or an image cannot be decoded (naming the file)
     */
    @Override
    public Table load(Path baseDir, SizeGuard guard) {
        Path root = folder(baseDir);
        List<Path> classes = classFolders(root);
        List<Path> files = new ArrayList<>();
        List<Integer> classOf = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            for (Path f : images(classes.get(k))) {
                files.add(f);
                classOf.add(k);
            }
        }
        if (files.isEmpty()) {
            throw new SpecException(WHERE, "must hold PNG or JPEG files in its class folders",
                    "none in " + SpecException.render(dir));
        }
        int size = shape().pixels();
        guard.check(WHERE, files.size(), size, 1);
        float[] x = new float[Math.multiplyExact(files.size(), size)]; // asked of the guard above
        float[] y = new float[files.size()];
        for (int i = 0; i < files.size(); i++) {
            pixels(decode(root, files.get(i)), x, i * size);
            y[i] = classOf.get(i);
        }
        return new Table(name, WHERE, files.size(), featureNames(), x, List.of("class"), y, shape());
    }

    private Path folder(Path baseDir) {
        Path p = baseDir == null ? Path.of(dir) : baseDir.resolve(dir).normalize();
        if (!Files.isDirectory(p) || !Files.isReadable(p)) {
            throw new SpecException(WHERE, "must name a readable folder (relative paths start at "
                    + "the spec's directory)", SpecException.render(dir) + " (resolved to " + p.toAbsolutePath() + ")");
        }
        return p;
    }

    private List<Path> classFolders(Path root) {
        List<Path> classes;
        try (Stream<Path> s = Files.list(root)) {
            classes = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        if (classes.size() < 2) {
            throw new SpecException(WHERE, "must hold at least two class folders (one subfolder "
                    + "per class, its images inside)", classes.size() + " in " + SpecException.render(dir)
                    + (classes.isEmpty() ? "" : " (" + SpecException.render(classes.get(0).getFileName().toString()) + ")"));
        }
        return classes;
    }

    private List<Path> images(Path classFolder) {
        try (Stream<Path> s = Files.walk(classFolder)) {
            return s.filter(Files::isRegularFile).filter(ImageFolderData::isImage).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(classFolder, e);
        }
    }

    private static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private SpecException unreadable(Path where, Exception e) {
        return new SpecException(WHERE, "must be a readable folder",
                SpecException.render(where.toString()) + " (" + e.getClass().getSimpleName() + ")");
    }

    private BufferedImage decode(Path root, Path file) {
        BufferedImage img;
        String shown = SpecException.render(dir + "/" + root.relativize(file).toString().replace('\\', '/'));
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new SpecException(WHERE, "must hold images ImageIO can decode (PNG or JPEG)",
                    shown + " (" + e.getClass().getSimpleName() + ")", "re-save or delete that file");
        }
        if (img == null) {
            throw new SpecException(WHERE, "must hold images ImageIO can decode (PNG or JPEG)",
                    shown + " (no decoder took it)", "re-save or delete that file");
        }
        return img;
    }

    /**
     * Writes the image's pixels, scaled to [0, 1], turned into {@code channels} channels and resized, at
     * {@code x[at..]} in channel, row, column order. Grey images are read as their raw samples (divided by the
     * largest sample), colour images as sRGB through {@link BufferedImage#getRGB}.
     */
    private void pixels(BufferedImage img, float[] x, int at) {
        float[][] planes = planes(img);
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            float[] src = planes.length == channels ? planes[c] : channels == 1 ? luma(planes) : planes[0];
            resize(src, img.getHeight(), img.getWidth(), x, at + c * plane);
        }
    }

    /** The image at its own size as one grey plane or three (R, G, B) planes, values in [0, 1]. */
    private static float[][] planes(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        var raster = img.getRaster();
        boolean grey = img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        if (grey) {
            float max = (1 << img.getColorModel().getComponentSize(0)) - 1;
            float[] g = new float[h * w];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    g[r * w + c] = raster.getSample(c, r, 0) / max;
                }
            }
            return new float[][] {g};
        }
        float[][] rgb = new float[3][h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int v = img.getRGB(c, r);
                rgb[0][r * w + c] = ((v >> 16) & 0xff) / 255f;
                rgb[1][r * w + c] = ((v >> 8) & 0xff) / 255f;
                rgb[2][r * w + c] = (v & 0xff) / 255f;
            }
        }
        return rgb;
    }

    /** ITU-R 601 luma of R, G, B planes, as torchvision's {@code Grayscale}. */
    private static float[] luma(float[][] rgb) {
        float[] out = new float[rgb[0].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.299f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];
        }
        return out;
    }

    /**
     * Bilinear resizing of one plane ({@code sh x sw}) to {@code height x width}, pixel centres aligned
     * (half-pixel offsets, edges clamped); a plane of the target size is copied as it is.
     */
    private void resize(float[] src, int sh, int sw, float[] x, int at) {
        if (sh == height && sw == width) {
            System.arraycopy(src, 0, x, at, src.length);
            return;
        }
        for (int r = 0; r < height; r++) {
            double fy = Math.min(Math.max((r + 0.5) * sh / height - 0.5, 0), sh - 1);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, sh - 1);
            double dy = fy - y0;
            for (int c = 0; c < width; c++) {
                double fx = Math.min(Math.max((c + 0.5) * sw / width - 0.5, 0), sw - 1);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, sw - 1);
                double dx = fx - x0;
                double top = src[y0 * sw + x0] * (1 - dx) + src[y0 * sw + x1] * dx;
                double bottom = src[y1 * sw + x0] * (1 - dx) + src[y1 * sw + x1] * dx;
                x[at + r * width + c] = (float) (top * (1 - dy) + bottom * dy);
            }
        }
    }

    /** {@code pixel_c_h_w}, in the order the inputs are laid out. */
    private List<String> featureNames() {
        List<String> names = new ArrayList<>(shape().pixels());
        for (int c = 0; c < channels; c++) {
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    names.add("pixel_" + c + "_" + h + "_" + w);
                }
            }
        }
        return names;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(DataSpecs.NAME.key(), name);
        m.put(DataSpecs.IMAGES_DIR.key(), dir);
        m.put(DataSpecs.SIZE.key(), size());
        m.put(DataSpecs.CHANNELS.key(), channels);
        return m;
    }
}
