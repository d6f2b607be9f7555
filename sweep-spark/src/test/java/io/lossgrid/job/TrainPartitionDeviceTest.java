package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.device.Backend;
import io.lossgrid.device.Device;
import io.lossgrid.device.DeviceUnavailable;
import io.lossgrid.device.Nd4jBackend;
import io.lossgrid.device.TaskDevice;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.Tables;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.testing.AllTrials;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import io.lossgrid.train.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device a task trains on, as the trials table records it ({@code device}, {@code gpu_address}). Local mode
 * assigns no GPUs; a task that was assigned fake GPUs on a standalone cluster is {@code GpuClusterIT}'s.
 */
class TrainPartitionDeviceTest {
    private static final String SPEC = """
            name: devices
            data: {synthetic: {generator: linear, samples: 32, seed: 1}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 5}
            grid: {alpha: [1, 10], learningRate: [0.01], optimizer: [sgd], seed: [1]}
            """;

    private static SparkSession spark;
    private static JavaSparkContext jsc;
    private static SweepSpec spec;
    private static PreparedData data;

    /** A CUDA build whose backend did not load: what a worker without an NVIDIA driver gives. */
    private static final class NoDriver implements Backend {
        @Override
        public boolean cuda() {
            throw new DeviceUnavailable("ND4J's backend did not load on this executor (UnsatisfiedLinkError: no"
                    + " libcuda.so.1)");
        }

        @Override
        public int deviceCount() {
            return 0;
        }

        @Override
        public int currentDevice() {
            return 0;
        }

        @Override
        public void bindThread(int ordinal) {
            throw new AssertionError("nothing may be bound without a backend");
        }
    }

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("TrainPartitionDeviceTest");
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        spec = Specs.parse(SPEC);
        data = PreparedData.load(spec);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static TrainPartition partition(Backend backend, LongAccumulator failed, LongAccumulator gpuUnused) {
        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), data.all());
        return new TrainPartition(jsc.broadcast(data.byKey()), plan, true, jsc.sc().longAccumulator(),
                jsc.sc().longAccumulator(), failed, jsc.sc().longAccumulator(), gpuUnused, backend);
    }

    private static Object column(TrialRow row, String name) {
        Row r = Tables.row(Tables.TRIAL_COLUMNS, row);
        return r.get(Tables.TRIALS.fieldIndex(name));
    }

    @Test
    void trialsTrainedOnTheCpuBuildWithoutAGpuRecordCpuAndNoAddress() {
        LongAccumulator gpuUnused = jsc.sc().longAccumulator();
        TrainPartition train = partition(Nd4jBackend.INSTANCE, jsc.sc().longAccumulator(), gpuUnused);
        List<Trial> trials = AllTrials.of(spec);
        List<TrialRow> rows = jsc.parallelize(trials, 2).mapPartitions(train).collect();
        assertEquals(trials.size(), rows.size());
        for (TrialRow row : rows) {
            assertEquals("cpu", column(row, "device"));
            assertNull(column(row, "gpu_address"));
            assertNull(row.result().error(), "trained, not failed");
            assertEquals(6, row.result().loss().length, "a curve of 5 epochs and the start");
        }
        assertEquals(0L, gpuUnused.value(), "no task was assigned a GPU, so the driver has nothing to warn about");
    }

    @Test
    void aTaskThatCannotBindItsDeviceMakesFailedRowsNamingTheCauseInsteadOfThrowing() throws Exception {
        LongAccumulator failed = jsc.sc().longAccumulator();
        TrainPartition train = partition(new NoDriver(), failed, jsc.sc().longAccumulator());
        List<Trial> trials = AllTrials.of(spec);
        List<TrialRow> rows = new ArrayList<>();
        train.call(trials.iterator()).forEachRemaining(rows::add);
        assertEquals(trials.size(), rows.size(), "one row per trial");
        for (TrialRow row : rows) {
            assertEquals("FAILED", column(row, "status"));
            assertEquals("DeviceUnavailable: ND4J's backend did not load on this executor (UnsatisfiedLinkError: no"
                    + " libcuda.so.1)", column(row, "error"));
            assertEquals("none", column(row, "device"));
            assertEquals(0, column(row, "epochs_run"));
        }
        assertEquals((long) trials.size(), failed.value(), "the progress line counts them as FAILED");
    }

    @Test
    void theRowOfATaskAssignedAGpuOnTheCpuBuildRecordsCpuAndTheAddress() {
        Trial trial = AllTrials.of(spec).get(0);
        TaskDevice device = TaskDevice.bind(Map.of(TaskDevice.GPU, new String[] {"1"}), Nd4jBackend.INSTANCE);
        TrialRow row = new TrialRow(TrainPartition.unbound(trial, new DeviceUnavailable("x")), spec.training(), "3", 1L,
                device);
        assertEquals("cpu", column(row, "device"));
        assertEquals("1", column(row, "gpu_address"));
        assertTrue(device.gpuUnused());
    }

    @Test
    void theDeviceColumnsAreDeclaredOnceInTheTrialsSchema() {
        assertEquals("string", Tables.TRIALS.apply("device").dataType().simpleString());
        assertTrue(Tables.TRIALS.apply("gpu_address").nullable(), "null when Spark assigned no GPU");
        assertTrue(Tables.markdown().contains("| `gpu_address` | string | yes |"), Tables.markdown());
    }

    @Test
    void outsideATaskThereAreNoResources() {
        assertEquals(Map.of(), TrainPartition.resources(null));
    }

    @Test
    void aRowNeedsItsDevice() {
        Trial trial = AllTrials.of(spec).get(0);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TrialRow(TrainPartition.unbound(trial, new DeviceUnavailable("x")), spec.training(), "3", 1L,
                        null));
        assertEquals("trialRow.device must be given (TaskDevice.CPU for a CPU task without a GPU), found null",
                e.getMessage());
        assertEquals(Device.CPU, new TrialRow(TrainPartition.unbound(trial, new DeviceUnavailable("x")),
                spec.training(), "3", 1L).device().device(), "the short form is a CPU task without a GPU");
    }
}
