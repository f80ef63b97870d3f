package io.dno.core.testing;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One base {@link NDManager} for a test class's tensors, opened before its first test and closed after its last:
 * {@code @RegisterExtension static final NdManagerExtension ND = new NdManagerExtension();}, then
 * {@code ND.manager()}.
 */
public final class NdManagerExtension implements BeforeAllCallback, AfterAllCallback {
    private NDManager manager;

    @Override
    public void beforeAll(ExtensionContext context) {
        manager = NDManager.newBaseManager();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        manager.close();
        manager = null;
    }

    /** The class's manager; only between the first test's start and the last test's end. */
    public NDManager manager() {
        if (manager == null) {
            throw new IllegalStateException("the NDManager lives only while the test class runs: register the "
                    + "extension on a static field with @RegisterExtension");
        }
        return manager;
    }
}
