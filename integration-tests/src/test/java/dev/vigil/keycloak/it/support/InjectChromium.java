package dev.vigil.keycloak.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.keycloak.testframework.injection.LifeCycle;

/**
 * Injects a {@link ChromiumBrowser}: a headless Debian Chromium started by {@link ChromiumSupplier}. Works
 * beside the framework's own {@code @InjectWebDriver} (HtmlUnit in this module), which stays the browser
 * of every other test. Put {@link RequiresChromium} on the class so it is skipped where Chromium is missing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectChromium {

    /** Set to have more than one browser in a test class. */
    String ref() default "";

    /** Off: the profile blocks JavaScript for every site, like a user's "Don't allow sites to use JavaScript". */
    boolean javascript() default true;

    /** One browser per test class by default: quit when the class is done. */
    LifeCycle lifecycle() default LifeCycle.CLASS;
}
