package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Type;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a sweep writes besides its tables ({@code output}). Its fields are declared once in {@link #FIELDS}.
 *
 * @param models which network of each trial is saved to {@code DIR/models/<trial_id>.zip}
 */
public record OutputSpec(ModelOutput models) implements Serializable {
    private static final List<String> SPELLINGS = Arrays.stream(ModelOutput.values()).map(ModelOutput::spelling).toList();

    private static final Type<ModelOutput> MODELS_TYPE = new Type<>(OutputSpec::models, ModelOutput::spelling,
            Schemas.oneOfStrings(SPELLINGS));

    public static final Field<ModelOutput> MODELS = Field.withDefault("models", MODELS_TYPE, ModelOutput.NONE,
            "each trial's network saved with DL4J's ModelSerializer to `DIR/models/<trial_id>.zip` and named by"
                    + " `trials.model_path`: `none`; `final` (after the last epoch); `best` (at the smallest whole-data"
                    + " training loss recorded; validation loss is not measured yet); committed with the trial's batch");

    /** The {@code output} section. */
    public static final Section FIELDS = Section.of(MODELS);

    /** Nothing but the tables. */
    public static final OutputSpec DEFAULT = new OutputSpec(ModelOutput.NONE);

    public OutputSpec {
        if (models == null) {
            throw SpecException.of(MODELS.key(), "must be none, final or best", null);
        }
    }

    /** The resolved settings, in declaration order. */
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    static OutputSpec parse(Node node) {
        Section.Values v = FIELDS.read(node);
        ModelOutput models = v.get(MODELS);
        return node.build(() -> new OutputSpec(models));
    }

    private static ModelOutput models(Node n) {
        String s = n.string();
        for (ModelOutput m : ModelOutput.values()) {
            if (m.spelling().equals(s)) {
                return m;
            }
        }
        throw new SpecException(n.path(), "must be none, final or best", SpecException.render(s));
    }
}
