package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lossgrid.testing.LocalSpark;
import java.util.OptionalInt;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Task slots: the N of local[N], or the cores of the registered executors (the cluster IT covers those). */
class TaskSlotsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("TaskSlotsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aLocalSessionHasTheSlotsOfItsMasterUrl() {
        assertEquals(2, TaskSlots.await(spark.sparkContext()), "LocalSpark runs local[2]");
        assertEquals(2, TaskSlots.registered(spark.sparkContext(), 7));
    }

    @Test
    void localMasterUrlsNameTheirThreads() {
        assertEquals(OptionalInt.of(1), TaskSlots.local("local"));
        assertEquals(OptionalInt.of(3), TaskSlots.local("local[3]"));
        assertEquals(OptionalInt.of(4), TaskSlots.local("local[4,2]"));
        assertEquals(OptionalInt.of(Runtime.getRuntime().availableProcessors()), TaskSlots.local("local[*]"));
        assertEquals(OptionalInt.empty(), TaskSlots.local("spark://127.0.0.1:7077"));
        assertEquals(OptionalInt.empty(), TaskSlots.local("local-cluster[2,1,1024]"), "local-cluster has real executors");
    }

    @Test
    void theExpectedCoresComeFromInstancesTimesCoresElseFromCoresMax() {
        assertEquals(OptionalInt.of(6), TaskSlots.expectedCores(new SparkConf(false)
                .set("spark.executor.instances", "3").set("spark.executor.cores", "2").set("spark.cores.max", "100")));
        assertEquals(OptionalInt.of(8), TaskSlots.expectedCores(new SparkConf(false).set("spark.cores.max", "8")));
        assertEquals(OptionalInt.empty(), TaskSlots.expectedCores(new SparkConf(false)));
        assertEquals(OptionalInt.empty(), TaskSlots.expectedCores(new SparkConf(false).set("spark.dynamicAllocation.enabled", "true")
                .set("spark.executor.instances", "3").set("spark.executor.cores", "2")), "dynamic allocation names no fixed number");
    }

    @Test
    void eachExecutorOffersItsCoresDividedByTheCpusATaskTakes() {
        assertEquals(4, TaskSlots.slots(new int[] {2, 2}, 1));
        assertEquals(2, TaskSlots.slots(new int[] {2, 3}, 2));
        assertEquals(0, TaskSlots.slots(new int[] {}, 1));
    }
}
