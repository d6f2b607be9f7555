package io.lossgrid.device;

import java.util.ArrayList;
import java.util.List;

/** A backend for tests: CPU or CUDA with a given number of devices; remembers the devices it bound. */
final class FakeBackend implements Backend {
    private final boolean cuda;
    private final int devices;
    final List<Integer> bound = new ArrayList<>();

    private FakeBackend(boolean cuda, int devices) {
        this.cuda = cuda;
        this.devices = devices;
    }

    static FakeBackend cpu() {
        return new FakeBackend(false, 0);
    }

    static FakeBackend cuda(int devices) {
        return new FakeBackend(true, devices);
    }

    @Override
    public boolean cuda() {
        return cuda;
    }

    @Override
    public int deviceCount() {
        return devices;
    }

    @Override
    public int currentDevice() {
        return 0;
    }

    @Override
    public void bindThread(int ordinal) {
        bound.add(ordinal);
    }
}
