package io.lossgrid.spec;

import io.lossgrid.base.Distinct;
import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import io.lossgrid.data.DataSpec;
import io.lossgrid.data.DataSpecs;
import io.lossgrid.data.Table;
import io.lossgrid.data.TrainingData;
import io.lossgrid.loss.Loss;
import io.lossgrid.outcome.OutcomeRules;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated sweep spec. Data sets, models and losses are axes too: a spec may give one of each or a
 * list. Built by {@link SpecLoader}; every rule is checked in the constructors of the parts. The top-level
 * fields are declared once in {@link #FIELDS}; each section declares its own.
 *
 * @param name        names the sweep and its default output directory: letters, digits, '.', '_' and '-'
 * @param data        the data sets (distinct names)
 * @param models      the models (distinct names)
 * @param losses      the losses
 * @param training    how each trial trains
 * @param grid        α, learning rate, optimizer and seed axes
 * @param search      how the trials are chosen: the grid's product (default), random samples or a boundary search;
 *                    an axis it names is absent from {@code grid}
 * @param convergence how a loss curve becomes a status
 * @param limits      the sweep's guards
 * @param output      what the sweep writes besides its tables (saved models)
 * @param baseDir     the directory relative data paths resolve against (the spec file's directory)
 */
public record SweepSpec(String name, List<DataSpec> data, List<ModelSpec> models, List<Loss> losses,
                        TrainingSpec training, GridSpec grid, SearchSpec search, OutcomeRules convergence, Limits limits,
                        OutputSpec output, Path baseDir) implements Serializable {

    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public static final Field<String> NAME = Field.required("name", Types.STRING,
                    "names the sweep and its default output directory")
            .rule("must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit",
                    n -> NAME_PATTERN.matcher(n).matches());
    public static final Field<List<DataSpec>> DATA = Field.required("data",
            new Type<>(n -> n.each(DataSpecs::parse), d -> Types.one(d.stream().map(DataSpec::toMap).toList()),
                    Types.oneOrList(DataSpecs.schema())),
            "one data set (`csv: file`, `parquet: path`, `spark: {format, path, options}` or `table: name`, each with "
                    + "`features` and `label`; `images: folder` with `size`; or `synthetic: {generator: linear|blobs|shapes, ...}`), "
                    + "or a list of them (an axis)").rule("each with a distinct name", d -> distinctNames(d, DataSpec::name));
    public static final Field<List<ModelSpec>> MODEL = Field.required("model",
            new Type<>(n -> n.each(ModelSpec::parse), m -> Types.one(m.stream().map(ModelSpec::toMap).toList()),
                    Types.oneOrList(ModelSpec.schema())),
            "`{type: linear, weightInit}`, `{type: mlp, hidden: [32, 32], activation, weightInit}` or `{type: cnn, "
                    + "conv: [8, 16], kernel, pool, dense, activation, weightInit, batchNorm, dropout}`; a list makes it an axis")
            .rule("each with a distinct name", m -> distinctNames(m, ModelSpec::name)).heldIn("models");
    public static final Field<List<Loss>> LOSS = Field.required("loss",
            new Type<>(n -> n.each(Loss::parse), l -> Types.one(l.stream().map(Loss::toSpec).toList()),
                    Types.oneOrList(Loss.schema())),
            "a name or a map with its parameters: `mse`, `mae` (identity output); `xent`, `{name: xent, classWeights: [1, 9]}` "
                    + "(softmax cross-entropy); `bce`, `{name: bce, posWeight: 9}` (binary cross-entropy on logits, labels 0/1); "
                    + "`{name: focal, gamma: 2.0, balance: 0.25}` (sigmoid focal on 0/1 labels, softmax focal with "
                    + "`classWeights` on classes); see docs/losses.md; a list makes it an axis")
            .rule("each once", l -> Distinct.firstRepeat(l.stream().map(Loss::name).toList()) == null).heldIn("losses");
    public static final Field<TrainingSpec> TRAINING = Field.required("training",
            new Type<>(TrainingSpec::parse, TrainingSpec::toMap, TrainingSpec.FIELDS.schema()), "how each trial trains");
    /** The grid; {@link #parse} reads it with the trial budget of the spec's limits, which this type's reader lacks. */
    public static final Field<GridSpec> GRID = Field.required("grid",
            new Type<>(GridSpec::parse, GridSpec::toMap, GridSpec.FIELDS.schema()),
            "the alpha, learning-rate, optimizer and seed axes");
    /** The search: how trials are chosen; the grid's product by default. */
    public static final Field<SearchSpec> SEARCH = Field.withDefault("search",
                    new Type<>(SearchSpec::parse, SearchSpec::toMap, SearchSpec.schema()), GridSearch.INSTANCE,
                    "how trials are chosen: `{strategy: grid}` (the grid's product), `{strategy: random, trials, seed, "
                            + "alpha, learningRate}` or `{strategy: boundary, learningRate, precision, budget, unstable}`; "
                            + "an axis it names is left out of `grid`")
            .absentMeans("`{strategy: grid}`");
    public static final Field<OutcomeRules> CONVERGENCE = Field.withDefault("convergence",
            new Type<>(OutcomeRules::parse, OutcomeRules::toMap, OutcomeRules.FIELDS.schema()), OutcomeRules.DEFAULT,
            "how a loss curve becomes a status").absentMeans("each rule's default");
    public static final Field<Limits> LIMITS = Field.withDefault("limits",
            new Type<>(Limits::parse, Limits::toMap, Limits.FIELDS.schema()), Limits.DEFAULT, "the sweep's guards")
            .absentMeans("each limit's default");

    public static final Field<OutputSpec> OUTPUT = Field.withDefault("output",
            new Type<>(OutputSpec::parse, OutputSpec::toMap, OutputSpec.FIELDS.schema()), OutputSpec.DEFAULT,
            "what the sweep writes besides its tables: `{models: none|final|best}`").absentMeans("`{models: none}`")
            .heldIn("outputIfAsked");

    /** The top level of a spec. */
    public static final Section FIELDS = Section.of(NAME, DATA, MODEL, LOSS, TRAINING, GRID, SEARCH, CONVERGENCE,
            LIMITS, OUTPUT);

    public SweepSpec {
        if (name == null) {
            throw SpecException.of(NAME.key(), NAME.rules().get(0).text(), null);
        }
        NAME.check(name);
        data = List.copyOf(data);
        models = List.copyOf(models);
        losses = List.copyOf(losses);
        distinct(DATA.key(), data.stream().map(DataSpec::name).toList(), ".name");
        distinct(MODEL.key(), models.stream().map(ModelSpec::name).toList(), ".name");
        distinct(LOSS.key(), losses.stream().map(Loss::name).toList(), "");
        search = search == null ? GridSearch.INSTANCE : search;
        output = output == null ? OutputSpec.DEFAULT : output;
        checkSearch(search, grid, limits, (long) data.size() * models.size() * losses.size() * grid.optimizers().size());
        checkTrials(limits, data.size(), models.size(), losses.size(), grid.optimizers().size(),
                search.cellCount(grid.cellCount()), grid.seeds().size());
        boolean oneHot = losses.stream().anyMatch(l -> l.labels().widens());
        for (int i = 0; i < data.size(); i++) {
            long[] shape = data.get(i).knownShape(oneHot);
            if (shape != null) {
                limits.checkDataSize(data.size() == 1 ? DATA.key() : DATA.key() + "[" + i + "]", shape[0], shape[1], shape[2]);
            }
        }
        checkImages(data, models);
    }

    /**
     * A {@code cnn} trains only on data with an image shape, and its pooling must leave at least one pixel of
     * that image: every pair of a cnn model and a data set is checked, since both are axes.
     */
    private static void checkImages(List<DataSpec> data, List<ModelSpec> models) {
        for (int m = 0; m < models.size(); m++) {
            ModelSpec model = models.get(m);
            if (model.convolution() == null) {
                continue;
            }
            String path = models.size() == 1 ? MODEL.key() : MODEL.key() + "[" + m + "]";
            for (DataSpec d : data) {
                var image = d.imageShape();
                if (image.isEmpty()) {
                    throw new SpecException(path, "is a cnn, which needs image data (such as synthetic: {generator: shapes})",
                            "data " + SpecException.render(d.name()) + " without an image shape",
                            "train " + SpecException.render(model.name()) + " on images, or use type mlp");
                }
                int side = Math.min(image.get().height(), image.get().width());
                if (model.convolution().outputSide(side) < 1) {
                    throw new SpecException(path + "." + ModelSpec.POOL.key(), "must leave at least one pixel after "
                            + model.convolution().filters().size() + " pooling blocks of the " + image.get() + " images of data "
                            + SpecException.render(d.name()), String.valueOf(model.convolution().pool()),
                            "use fewer blocks or a smaller pool");
                }
            }
        }
    }

    /**
     * {@code table} prepared for each of the spec's losses, in their order (see
     * {@link Table#prepare(Loss, org.nd4j.linalg.api.buffer.DataType, String, io.lossgrid.data.SizeGuard)}): in
     * the spec's precision, one-hot labels checked against {@code limits.maxDataBytes}, a loss parameter that
     * does not fit the data reported at {@code loss} or {@code loss[i]}.
     *
     * @throws io.lossgrid.base.SpecException when the data does not fit a loss or is too large, or has fewer rows
     *                                         than distributed workers or a partition smaller than their batch
     */
    public List<TrainingData> prepare(Table table) {
        if (training.isDistributed()) {
            training.distributed().checkRows(table.name(), table.rows());
        }
        return java.util.stream.IntStream.range(0, losses.size()).mapToObj(i -> table.prepare(losses.get(i),
                training.dataType(), losses.size() == 1 ? LOSS.key() : LOSS.key() + "[" + i + "]",
                limits::checkDataSize)).toList();
    }

    /** A spec without a search section: the grid's product. */
    public SweepSpec(String name, List<DataSpec> data, List<ModelSpec> models, List<Loss> losses,
                     TrainingSpec training, GridSpec grid, OutcomeRules convergence, Limits limits, Path baseDir) {
        this(name, data, models, losses, training, grid, GridSearch.INSTANCE, convergence, limits, OutputSpec.DEFAULT,
                baseDir);
    }

    /**
     * How many trials the sweep runs, counted from the axes' sizes: exactly, for the grid and a random search;
     * at most (its budget), for a boundary search.
     */
    public long trialCount() {
        if (search instanceof BoundarySearch b) {
            return b.budget();
        }
        return trialCount(data.size(), models.size(), losses.size(), grid.optimizers().size(),
                search.cellCount(grid.cellCount()), grid.seeds().size());
    }

    /**
     * The rules between the search and the rest: an axis the search names is not also in the grid (nor fixed by
     * its cells); a boundary search's budget fits the limits and covers both ends of the range for every
     * combination of the other axes and every seed.
     *
     * @param combinations data x models x losses x optimizers
     */
    private static void checkSearch(SearchSpec search, GridSpec grid, Limits limits, long combinations) {
        for (String axis : search.axes()) {
            if (grid.explicitCells() != null) {
                throw new SpecException(GRID.key() + "." + GridSpec.EXPLICIT_CELLS.key(), "must not be given when the search names "
                        + axis + " (cells fix both alpha and learningRate)",
                        SpecException.render(grid.explicitCells()), "give grid.alpha or grid.learningRate instead");
            }
            Axis inGrid = axis.equals(GridSpec.ALPHA.key()) ? grid.alpha() : grid.learningRate();
            if (inGrid != null) {
                throw new SpecException(GRID.key() + "." + axis, "must be left out when search." + axis + " names it (the "
                        + search.strategy() + " search sets it)", SpecException.render(inGrid.describe()),
                        "remove it from grid or from search");
            }
        }
        if (search instanceof BoundarySearch b) {
            long ends = 2 * combinations * grid.alpha().size() * grid.seeds().size();
            if (b.budget() > limits.maxTrials()) {
                throw SpecException.of(SEARCH.key() + "." + BoundarySearch.BUDGET.key(), "must be at most limits.maxTrials = "
                        + limits.maxTrials(), b.budget());
            }
            if (b.budget() < ends) {
                throw new SpecException(SEARCH.key() + "." + BoundarySearch.BUDGET.key(), "must cover both ends of the "
                        + "range for every combination of the other axes and every seed (" + ends + " trials)",
                        String.valueOf(b.budget()), "raise it to at least " + ends);
            }
        }
    }

    /** Refuses a sweep of more than {@code limits.maxTrials} trials, counted from the axes' sizes. */
    private static void checkTrials(Limits limits, int data, int models, int losses, int optimizers, long cells, int seeds) {
        long trials = trialCount(data, models, losses, optimizers, cells, seeds);
        if (trials > limits.maxTrials()) {
            throw new SpecException(GRID.key(), "must expand to at most limits.maxTrials = " + limits.maxTrials() + " trials",
                    (trials == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(trials)) + " trials ("
                            + data + " data x " + models + " models x " + losses + " losses x " + optimizers
                            + " optimizers x " + cells + " (alpha, lr) cells x " + seeds + " seeds)");
        }
    }

    /** The product of the axes' sizes in long arithmetic, {@link Long#MAX_VALUE} where it would overflow. */
    private static long trialCount(long... sizes) {
        long product = 1;
        for (long s : sizes) {
            if (s != 0 && product > Long.MAX_VALUE / s) {
                return Long.MAX_VALUE;
            }
            product *= s;
        }
        return product;
    }

    /**
     * The output section as the resolved spec writes it: null (left out) for the default, so that the resolved
     * spec of a sweep that saves nothing is what versions before {@code output} wrote, and such a sweep resumes.
     */
    public OutputSpec outputIfAsked() {
        return output.equals(OutputSpec.DEFAULT) ? null : output;
    }

    /**
     * The resolved spec as plain maps and lists, defaults filled in: written to {@code sweep.json} and
     * compared key by key when a sweep resumes.
     */
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    /** Reads a whole spec from its parsed YAML tree; relative data paths resolve against {@code baseDir}. */
    static SweepSpec parse(Node root, Path baseDir) {
        Section.Values v = FIELDS.read(root);
        String name = v.get(NAME);
        List<DataSpec> data = v.get(DATA);
        List<ModelSpec> models = v.get(MODEL);
        List<Loss> losses = v.get(LOSS);
        TrainingSpec training = v.get(TRAINING);
        Limits limits = v.get(LIMITS);
        SearchSpec search = v.get(SEARCH);
        // The grid's size is checked from its axes' sizes before any range is listed (GridSpec's constructor lists them).
        GridSpec grid = GridSpec.parse(v.node(GRID), (optimizers, cells, seeds) ->
                checkTrials(limits, data.size(), models.size(), losses.size(), optimizers, search.cellCount(cells), seeds),
                search.axes());
        OutcomeRules rules = v.get(CONVERGENCE);
        OutputSpec output = v.get(OUTPUT);
        return root.build(() -> new SweepSpec(name, data, models, losses, training, grid, search, rules, limits, output,
                baseDir));
    }

    private static <T> boolean distinctNames(List<T> values, java.util.function.Function<T, String> name) {
        return Distinct.firstRepeat(values.stream().map(name).toList()) == null;
    }

    private static void distinct(String field, List<String> names, String suffix) {
        int[] repeat = Distinct.firstRepeat(names);
        if (repeat != null) {
            throw new SpecException(field + "[" + repeat[0] + "]" + suffix, "must differ from " + field + "[" + repeat[1]
                    + "]" + suffix + " (give each a distinct name)", SpecException.render(names.get(repeat[0])));
        }
    }
}
