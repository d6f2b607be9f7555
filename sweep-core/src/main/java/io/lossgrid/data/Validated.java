package io.lossgrid.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data entry with a validation set ({@code validation:} in the entry). Its examples, name, classes and shape
 * are the entry's; {@link #load} reads them all, and {@link Holdout} cuts a held-out share from them or checks a
 * separate set against them. Its resolved map is the entry's with {@code validation} added, so trial ids change
 * only for entries that ask for a validation set.
 *
 * @param data       the entry without its validation
 * @param validation how the validation set is made
 */
public record Validated(DataSpec data, Validation validation) implements DataSpec {

    public Validated {
        if (data == null || validation == null || data instanceof Validated) {
            throw new IllegalArgumentException("a validated data set needs a plain data entry and a validation, found "
                    + data + " and " + validation);
        }
    }

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public Table load(Path baseDir, SizeGuard guard) {
        return data.load(baseDir, guard);
    }

    @Override
    public Table load(Path baseDir, SizeGuard guard, SparkReader reader) {
        return data.load(baseDir, guard, reader);
    }

    @Override
    public boolean readWithSpark() {
        return data.readWithSpark() || validation.readWithSpark();
    }

    @Override
    public List<String> classNames(Path baseDir) {
        return data.classNames(baseDir);
    }

    @Override
    public long[] knownShape(boolean classification) {
        return data.knownShape(classification);
    }

    @Override
    public Optional<ImageShape> imageShape() {
        return data.imageShape();
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(data.toMap());
        m.put(DataSpecs.VALIDATION.key(), validation.toValue());
        return m;
    }
}
