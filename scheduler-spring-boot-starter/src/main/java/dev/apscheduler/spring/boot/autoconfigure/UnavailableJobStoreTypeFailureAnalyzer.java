package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Map;

import dev.apscheduler.ConfigurationException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by a job store type that the starter offers only with an optional dependency,
 * asked for without that dependency on the class path: the description names the property and the type, the action
 * the dependency to add.
 */
class UnavailableJobStoreTypeFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    /** The dependency each optional store type needs, by type. */
    private static final Map<String, String> DEPENDENCIES = Map.of("redis",
            "Spring Data Redis with Lettuce (org.springframework.boot:spring-boot-starter-data-redis)");

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        String key = cause.key();
        String message = String.valueOf(cause.getMessage());
        if (key == null || !key.startsWith("apscheduler.jobstores.") || !key.endsWith(".type")) {
            return null;
        }
        for (Map.Entry<String, String> dependency : DEPENDENCIES.entrySet()) {
            if (message.contains("unknown job store type '" + dependency.getKey() + "'")) {
                String description = "The job store type '" + dependency.getKey() + "' set by '" + key
                        + "' is not available: it needs " + dependency.getValue() + " on the class path.";
                String action = "Add " + dependency.getValue() + " to your application's dependencies, or choose "
                        + "another type for '" + key + "'.";
                return new FailureAnalysis(description, action, cause);
            }
        }
        return null;
    }

}
