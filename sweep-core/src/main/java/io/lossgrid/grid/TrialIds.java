package io.lossgrid.grid;

import io.lossgrid.spec.TrainingSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Trial ids: {@code <optimizer>-<12 hex digits>}, the digits the start of a SHA-256 over the trial's
 * content (data, model, loss, optimizer and hyperparameters, α, learning rate, seed, training settings).
 * The same configuration has the same id in any sweep; a different one has a different id.
 */
public final class TrialIds {
    private TrialIds() {
    }

    public static String of(String data, String model, String loss, String optimizer, double alpha,
                            double learningRate, long seed, TrainingSpec training) {
        String key = "data=" + data + ";model=" + model + ";loss=" + loss + ";optimizer=" + optimizer
                + ";alpha=" + Double.toString(alpha) + ";lr=" + Double.toString(learningRate) + ";seed=" + seed
                + ";training=" + training.toMap();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String name = optimizer.contains("(") ? optimizer.substring(0, optimizer.indexOf('(')) : optimizer;
            return name + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
