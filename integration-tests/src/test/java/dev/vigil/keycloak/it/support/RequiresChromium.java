package dev.vigil.keycloak.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the test class, before any server or browser starts, when Debian's Chromium or ChromeDriver is
 * not installed (a developer machine without them); {@code .ci/run} installs both, so CI runs the class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RequiresChromium.Condition.class)
public @interface RequiresChromium {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = Chromium.missing();
            return missing == null ? ConditionEvaluationResult.enabled("Chromium found at " + Chromium.binary())
                    : ConditionEvaluationResult.disabled("Skipped: " + missing);
        }
    }
}
