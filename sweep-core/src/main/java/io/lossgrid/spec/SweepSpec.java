package io.lossgrid.spec;

import io.lossgrid.base.SpecException;
import io.lossgrid.loss.LossKind;
import io.lossgrid.data.DataSpec;
import io.lossgrid.outcome.OutcomeRules;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated sweep spec. Data sets, models and losses are axes too: a spec may give one of each or a
 * list. Built by {@link SpecLoader}; every rule is checked in the constructors of the parts.
 *
 * @param name        names the sweep and its default output directory: letters, digits, '.', '_' and '-'
 * @param data        the data sets (distinct names)
 * @param models      the models (distinct names)
 * @param losses      the losses
 * @param training    how each trial trains
 * @param grid        α, learning rate, optimizer and seed axes
 * @param convergence how a loss curve becomes a status
 * @param limits      the sweep's guards
 * @param baseDir     the directory relative data paths resolve against (the spec file's directory)
 */
public record SweepSpec(String name, List<DataSpec> data, List<ModelSpec> models, List<LossKind> losses,
                        TrainingSpec training, GridSpec grid, OutcomeRules convergence, Limits limits, Path baseDir)
        implements Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public SweepSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SpecException.of("name", "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit", name);
        }
        data = List.copyOf(data);
        models = List.copyOf(models);
        losses = List.copyOf(losses);
        distinct("data", data.stream().map(DataSpec::name).toList(), ".name");
        distinct("model", models.stream().map(ModelSpec::name).toList(), ".name");
        distinct("loss", losses.stream().map(LossKind::key).toList(), "");
        long trials = trialCount(data.size(), models.size(), losses.size(), grid);
        if (trials > limits.maxTrials()) {
            throw new SpecException("grid", "must expand to at most limits.maxTrials = " + limits.maxTrials() + " trials",
                    trials + " trials (" + data.size() + " data x " + models.size() + " models x " + losses.size()
                            + " losses x " + grid.optimizers().size() + " optimizers x " + grid.cells().size()
                            + " (alpha, lr) cells x " + grid.seeds().size() + " seeds)");
        }
    }

    /** How many trials the grid expands to. */
    public long trialCount() {
        return trialCount(data.size(), models.size(), losses.size(), grid);
    }

    private static long trialCount(int data, int models, int losses, GridSpec grid) {
        return (long) data * models * losses * grid.optimizers().size() * grid.cells().size() * grid.seeds().size();
    }

    /**
     * The resolved spec as plain maps and lists, defaults filled in: written to {@code sweep.json} and
     * compared key by key when a sweep resumes.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("data", one(data.stream().map(DataSpec::toMap).toList()));
        m.put("model", one(models.stream().map(ModelSpec::toMap).toList()));
        m.put("loss", one(losses.stream().map(LossKind::key).toList()));
        m.put("training", training.toMap());
        m.put("grid", grid.toMap());
        m.put("convergence", convergence.toMap());
        m.put("limits", limits.toMap());
        return m;
    }

    private static Object one(List<?> values) {
        return values.size() == 1 ? values.get(0) : new ArrayList<>(values);
    }

    private static void distinct(String field, List<String> names, String suffix) {
        for (int i = 0; i < names.size(); i++) {
            int first = names.indexOf(names.get(i));
            if (first != i) {
                throw new SpecException(field + "[" + i + "]" + suffix, "must differ from " + field + "[" + first + "]"
                        + suffix + " (give each a distinct name)", SpecException.render(names.get(i)));
            }
        }
    }
}
