package io.lossgrid.device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's GPU request, as Spark's resource properties: each task asks for {@code perTask} GPUs (a fraction
 * {@code 1/K} lets K tasks share one GPU) and each executor for {@code perExecutor}, which Spark then hands
 * out to its tasks so that no two tasks hold more of a GPU than it has.
 *
 * @param perTask     GPUs per task: a whole number >= 1, or a fraction in (0, 0.5]
 * @param perExecutor GPUs per executor: at least 1 and at least {@code perTask}
 */
public record GpuRequest(double perTask, int perExecutor) {
    public GpuRequest {
        if (!(perTask > 0 && perTask <= 0.5) && !(perTask >= 1 && perTask == Math.rint(perTask))) {
            throw new IllegalArgumentException("--gpus-per-task must be a whole number >= 1 or a fraction 1/K (K >= 2)"
                    + " such as 1/4, found " + perTask);
        }
        if (perExecutor < 1 || perExecutor < perTask) {
            throw new IllegalArgumentException("--gpus-per-executor must be >= 1 and >= --gpus-per-task ("
                    + format(perTask) + "), found " + perExecutor);
        }
    }

    /**
     * The request {@code perTask} (as {@code 2}, {@code 0.25} or {@code 1/4}) and {@code perExecutor} make.
     *
     * @throws IllegalArgumentException one line naming the option, the rule and the value found
     */
    public static GpuRequest parse(String perTask, int perExecutor) {
        String s = perTask.strip();
        double amount;
        try {
            if (s.matches("1/[0-9]{1,6}")) {
                int k = Integer.parseInt(s.substring(2));
                amount = k < 2 ? Double.NaN : 1.0 / k;
            } else {
                amount = Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            amount = Double.NaN;
        }
        if (Double.isNaN(amount)) {
            throw new IllegalArgumentException("--gpus-per-task must be a whole number >= 1 or a fraction 1/K (K >= 2)"
                    + " such as 1/4, found \"" + s.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
        return new GpuRequest(amount, perExecutor);
    }

    /** Tasks that share one GPU: {@code floor(1 / perTask)} for a fraction, else 1. */
    public int tasksPerGpu() {
        return perTask < 1 ? (int) Math.floor(1 / perTask + 1e-9) : 1;
    }

    /** The Spark properties of this request, in a fixed order. */
    public Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.executor.resource.gpu.amount", Integer.toString(perExecutor));
        conf.put("spark.task.resource.gpu.amount", format(perTask));
        return conf;
    }

    private static String format(double amount) {
        return amount == Math.rint(amount) ? Long.toString((long) amount) : Double.toString(amount);
    }
}
