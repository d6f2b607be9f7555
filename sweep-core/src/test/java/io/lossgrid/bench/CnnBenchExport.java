package io.lossgrid.bench;

import io.lossgrid.data.ImageShape;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.Hyper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what a cnn benchmark spec trains on, for {@code scripts/bench-pytorch-cnn.py}: the very images and
 * labels lossgrid generates, and its trials in their order.
 *
 * <pre>java -cp ... io.lossgrid.bench.CnnBenchExport SPEC DIR</pre>
 *
 * {@code DIR/data.bin}: little-endian int32 rows, channels, height, width, classes, then float32 pixels (rows x
 * CHW, as lossgrid's flat rows) and float32 one-hot labels (rows x classes). {@code DIR/trials.json}: the
 * training settings, the model's convolution widths, kernel, pool and dense widths, and per trial its index, id,
 * alpha, learning rate, optimizer name and hyperparameters, and seed.
 */
public final class CnnBenchExport {
    private CnnBenchExport() {
    }

    public static void main(String[] args) throws IOException {
        Workloads work = Workloads.load(Path.of(args[0]));
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        TrainingData data = work.data();
        ImageShape image = data.image();
        if (image == null || work.trials().get(0).model().convolution() == null) {
            throw new IllegalArgumentException(args[0] + " must train a cnn model on image data");
        }
        ByteBuffer header = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(data.rows()).putInt(image.channels()).putInt(image.height()).putInt(image.width())
                .putInt(data.outputs()).flip();
        try (FileChannel out = FileChannel.open(dir.resolve("data.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(header);
            out.write(floats(data.x()));
            out.write(floats(data.y()));
        }
        Trial first = work.trials().get(0);
        List<String> trials = new ArrayList<>();
        for (Trial t : work.trials()) {
            List<String> hypers = new ArrayList<>();
            for (Map.Entry<Hyper, Double> h : t.optimizer().hyperparameters().entrySet()) {
                hypers.add(String.format(Locale.ROOT, "\"%s\": %s", h.getKey().key(), h.getValue()));
            }
            trials.add(String.format(Locale.ROOT,
                    "{\"index\": %d, \"id\": \"%s\", \"alpha\": %s, \"lr\": %s, \"optimizer\": \"%s\", \"hyper\": {%s},"
                            + " \"seed\": %d}", t.index(), t.id(), t.alpha(), t.learningRate(), t.optimizer().name(),
                    String.join(", ", hypers), t.seed()));
        }
        String json = String.format(Locale.ROOT, "{\"name\": \"%s\", \"epochs\": %d, \"batchSize\": %d, \"model\": \"%s\","
                        + " \"conv\": %s, \"kernel\": %d, \"pool\": %d, \"dense\": %s, \"loss\": \"%s\",%n \"trials\": [%n  %s]}%n",
                work.spec().name(), work.spec().training().epochs(), work.spec().training().batchSize(),
                first.model().name(), first.model().convolution().filters(), first.model().convolution().kernel(),
                first.model().convolution().pool(), first.model().hidden(), first.loss().name(),
                String.join(",\n  ", trials));
        Files.writeString(dir.resolve("trials.json"), json);
        System.out.printf(Locale.ROOT, "exported %d images of %dx%dx%d, %d classes, %d trials to %s%n", data.rows(),
                image.channels(), image.height(), image.width(), data.outputs(), trials.size(), dir);
    }

    private static ByteBuffer floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b;
    }
}
