package dev.vigil.keycloak.it.support;

import java.util.List;
import java.util.Map;

import org.keycloak.testframework.TestFrameworkExtension;
import org.keycloak.testframework.injection.Supplier;

/** This module's additions to the Keycloak Test Framework (META-INF/services): the Debian Chromium browser. */
public class VigilTestFrameworkExtension implements TestFrameworkExtension {

    @Override
    public List<Supplier<?, ?>> suppliers() {
        return List.of(new ChromiumSupplier());
    }

    @Override
    public Map<Class<?>, String> valueTypeAliases() {
        return Map.of(ChromiumBrowser.class, "chromium");
    }
}
