package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Optional;

import dev.apscheduler.ConfigurationException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Explains a startup failure caused by invalid scheduler configuration (an {@code apscheduler.*} property, a job
 * declared in {@code apscheduler.jobs.*}): the description names the key, the value and what was expected, and where
 * the property was set when the environment knows.
 */
class ApschedulerConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    private final @Nullable Environment environment;

    ApschedulerConfigurationFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        String key = cause.key();
        StringBuilder description = new StringBuilder("Invalid scheduler configuration: ").append(cause.getMessage());
        origin(key).ifPresent((origin) -> description.append(System.lineSeparator())
            .append(System.lineSeparator())
            .append("    Origin: ")
            .append(origin));
        String action = (key != null) ? "Update '" + key + "' in your application's configuration."
                : "Review the apscheduler.* properties in your application's configuration.";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private Optional<Origin> origin(@Nullable String key) {
        if (key == null || this.environment == null || !ConfigurationPropertyName.isValid(key)) {
            return Optional.empty();
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null && property.getOrigin() != null) {
                return Optional.of(property.getOrigin());
            }
        }
        return Optional.empty();
    }

}
