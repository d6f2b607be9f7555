package io.lossgrid.grid;

import io.lossgrid.base.Canonical;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trial ids: {@code <optimizer>-<12 hex digits>}, the digits the start of a SHA-256 over the trial's
 * content (data, model, loss, optimizer and hyperparameters, α, learning rate, seed, training settings but
 * not the trace, which only records: {@code TrainingSpec.identity()})
 * written as canonical JSON: keys sorted, strings escaped, and {@code "v": 1}, the version of this format.
 * The same configuration has the same id in any sweep; a different one has a different id, whatever
 * characters its names hold.
 *
 * <p>Version 1 replaced a key built from {@code Map.toString()}, in which a name holding {@code ", csv=..."}
 * could make two configurations read the same: ids of sweeps written before differ from today's.
 */
public final class TrialIds {
    /** The version of the hashed format; part of the hashed key, so a new format gives new ids. */
    public static final int VERSION = 1;

    private TrialIds() {
    }

    /**
     * The id of a trial, from the canonical forms of its parts.
     *
     * @param data      the data set's resolved map ({@code DataSpec.toMap()})
     * @param model     the model's resolved map
     * @param loss      the loss as a spec writes it ({@code Loss.toSpec()}): a name, or a map with its parameters
     * @param optimizer the optimizer's map: {@code name} and its hyperparameters
     * @param training  the training settings' resolved map
     */
    public static String of(Map<String, Object> data, Map<String, Object> model, Object loss,
                            Map<String, Object> optimizer, double alpha, double learningRate, long seed,
                            Map<String, Object> training) {
        return optimizer.get("name") + "-" + digest(key(data, model, loss, optimizer, alpha, learningRate, seed, training));
    }

    /** The canonical JSON a trial's id hashes. */
    static String key(Map<String, Object> data, Map<String, Object> model, Object loss, Map<String, Object> optimizer,
                      double alpha, double learningRate, long seed, Map<String, Object> training) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", VERSION);
        m.put("data", data);
        m.put("model", model);
        m.put("loss", loss);
        m.put("optimizer", optimizer);
        m.put("alpha", alpha);
        m.put("learningRate", learningRate);
        m.put("seed", seed);
        m.put("training", training);
        return Canonical.json(m);
    }

    private static String digest(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
