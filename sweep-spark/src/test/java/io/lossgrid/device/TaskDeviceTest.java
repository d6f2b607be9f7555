package io.lossgrid.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From the resources Spark assigned a task to the device its trials train on, with fake backends. */
class TaskDeviceTest {
    private static Map<String, String[]> gpus(String... addresses) {
        return Map.of(TaskDevice.GPU, addresses);
    }

    @Test
    void aCpuBuildTrainsOnTheCpuAndStillRecordsTheGpuSparkAssigned() {
        FakeBackend cpu = FakeBackend.cpu();
        TaskDevice d = TaskDevice.bind(gpus("1"), cpu);
        assertEquals("cpu", d.device().label());
        assertEquals("1", d.gpuAddress());
        assertTrue(d.gpuUnused(), "the driver warns about such tasks");
        assertEquals(List.of(), cpu.bound, "the CPU backend binds nothing");
    }

    @Test
    void aCpuTaskWithoutAGpuRecordsNoAddress() {
        TaskDevice d = TaskDevice.bind(Map.of(), FakeBackend.cpu());
        assertEquals(TaskDevice.CPU, d);
        assertFalse(d.gpuUnused());
    }

    @Test
    void otherResourcesThanGpusAreNotTakenForAGpu() {
        TaskDevice d = TaskDevice.bind(Map.of("fpga", new String[] {"f0"}), FakeBackend.cpu());
        assertEquals(null, d.gpuAddress());
    }

    @Test
    void aCudaBuildBindsTheThreadToTheDeviceOfTheAssignedAddress() {
        FakeBackend cuda = FakeBackend.cuda(2);
        TaskDevice d = TaskDevice.bind(gpus("1"), cuda);
        assertEquals("cuda:1", d.device().label());
        assertEquals("1", d.gpuAddress());
        assertEquals(List.of(1), cuda.bound);
        assertFalse(d.gpuUnused());
    }

    @Test
    void aTaskGivenSeveralGpusTrainsOnTheFirstAndRecordsThemAll() {
        FakeBackend cuda = FakeBackend.cuda(4);
        TaskDevice d = TaskDevice.bind(gpus("2", "3"), cuda);
        assertEquals(new Device.Cuda(2), d.device());
        assertEquals("2,3", d.gpuAddress());
        assertEquals(List.of(2), cuda.bound);
    }

    @Test
    void aCudaTaskAssignedNoGpuTrainsOnNd4jsDefaultDeviceWithoutBinding() {
        FakeBackend cuda = FakeBackend.cuda(2);
        TaskDevice d = TaskDevice.bind(Map.of(), cuda);
        assertEquals("cuda:0", d.device().label());
        assertEquals(null, d.gpuAddress());
        assertEquals(List.of(), cuda.bound);
    }

    @Test
    void anAddressBeyondTheDevicesNd4jSeesIsRefusedWithTheDeviceCount() {
        FakeBackend cuda = FakeBackend.cuda(2);
        DeviceUnavailable e = assertThrows(DeviceUnavailable.class, () -> TaskDevice.bind(gpus("2"), cuda));
        assertEquals("gpu address \"2\" names CUDA device 2, but ND4J sees 2 device(s) (0 to 1); make the worker's"
                + " discovery script list only the GPUs of its host (or unset CUDA_VISIBLE_DEVICES for the executors)",
                e.getMessage());
        assertEquals(List.of(), cuda.bound, "nothing is bound when the address is refused");
    }

    @Test
    void aCudaBuildThatSeesNoDeviceSaysSo() {
        DeviceUnavailable e = assertThrows(DeviceUnavailable.class, () -> TaskDevice.bind(gpus("0"), FakeBackend.cuda(0)));
        assertTrue(e.getMessage().startsWith("gpu address \"0\" names CUDA device 0, but ND4J sees 0 device(s);"),
                e.getMessage());
    }

    @Test
    void anAddressThatIsNotADeviceIndexIsRefusedShownOnOneLine() {
        DeviceUnavailable e = assertThrows(DeviceUnavailable.class,
                () -> TaskDevice.bind(gpus("GPU-8f3a\n"), FakeBackend.cuda(2)));
        assertEquals("gpu address must be a CUDA device index such as 0 (as nvidia-smi's index), found \"GPU-8f3a?\";"
                + " fix the worker's GPU discovery script", e.getMessage());
    }

    @Test
    void anUnboundTaskHasNoDeviceButKeepsItsAddress() {
        TaskDevice d = TaskDevice.unbound(gpus("0"));
        assertEquals("none", d.device().label());
        assertEquals("0", d.gpuAddress());
        assertFalse(d.gpuUnused(), "nothing trained, so no GPU went unused on the CPU");
    }

    @Test
    void aTaskDeviceNeedsADevice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TaskDevice(null, "0"));
        assertEquals("taskDevice.device must be given, found null", e.getMessage());
    }

    @Test
    void aBlankAddressIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TaskDevice(Device.CPU, " "));
        assertEquals("taskDevice.gpuAddress must be null or an address, found \" \"", e.getMessage());
    }

    @Test
    void aCudaOrdinalIsNotNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Device.Cuda(-1));
        assertEquals("device.ordinal must be >= 0, found -1", e.getMessage());
    }

    @Test
    void theRealBackendOfThisBuildIsTheCpuOne() {
        assertFalse(Nd4jBackend.INSTANCE.cuda(), "the default build carries nd4j-native");
        assertEquals("cpu", TaskDevice.bind(gpus("0"), Nd4jBackend.INSTANCE).device().label());
    }

    @Test
    void theCpuBuildHasNoCudaRuntimeToBlame() {
        assertEquals(null, Nd4jBackend.cudaRuntimeError(), "org.bytedeco.cuda is not in the CPU build");
    }

    @Test
    void aBackendThatDidNotLoadIsNamedByItsRootCauseOnOneLine() {
        Throwable e = new ExceptionInInitializerError(new UnsatisfiedLinkError("no jnind4jcuda in java.library.path\nmore"));
        assertEquals("UnsatisfiedLinkError: no jnind4jcuda in java.library.path", Nd4jBackend.firstLine(e));
    }
}
