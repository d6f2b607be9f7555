package io.lossgrid.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** --gpus-per-task and --gpus-per-executor as Spark's resource properties. */
class GpuRequestTest {
    @Test
    void oneGpuPerTaskAsksSparkForWholeGpus() {
        GpuRequest r = GpuRequest.parse("1", 2);
        assertEquals(Map.of("spark.executor.resource.gpu.amount", "2", "spark.task.resource.gpu.amount", "1"), r.sparkConf());
        assertEquals(1, r.tasksPerGpu());
    }

    @Test
    void aFractionLetsThatManyTasksShareOneGpu() {
        GpuRequest r = GpuRequest.parse("1/4", 1);
        assertEquals("0.25", r.sparkConf().get("spark.task.resource.gpu.amount"));
        assertEquals(4, r.tasksPerGpu());
        assertEquals(3, GpuRequest.parse("1/3", 1).tasksPerGpu());
        assertEquals(2, GpuRequest.parse("0.5", 1).tasksPerGpu());
    }

    @Test
    void severalWholeGpusPerTaskAreAllowed() {
        assertEquals("2", GpuRequest.parse("2", 4).sparkConf().get("spark.task.resource.gpu.amount"));
    }

    @Test
    void aFractionAboveOneHalfIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("0.75", 1));
        assertEquals("--gpus-per-task must be a whole number >= 1 or a fraction 1/K (K >= 2) such as 1/4, found 0.75",
                e.getMessage());
    }

    @Test
    void somethingThatIsNoAmountIsRefusedQuoted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("1/1", 1));
        assertEquals("--gpus-per-task must be a whole number >= 1 or a fraction 1/K (K >= 2) such as 1/4, found \"1/1\"",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("one", 1));
        assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("0", 1));
    }

    @Test
    void anExecutorNeedsAtLeastTheGpusOfOneTask() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("2", 1));
        assertEquals("--gpus-per-executor must be >= 1 and >= --gpus-per-task (2), found 1", e.getMessage());
    }
}
