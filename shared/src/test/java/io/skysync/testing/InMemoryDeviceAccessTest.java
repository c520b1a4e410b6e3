package io.skysync.testing;

import io.skysync.service.ManifestStore;

/** {@link DeviceAccessContract} on the in-memory store. */
class InMemoryDeviceAccessTest extends DeviceAccessContract {
    private final InMemoryManifestStore memory = new InMemoryManifestStore();

    @Override
    protected ManifestStore store() {
        return memory;
    }
}
