package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.spring.boot.DeclarationSource;
import org.jspecify.annotations.Nullable;

/**
 * A job declared under {@code apscheduler.jobs.<id>}: problems are reported as {@link ConfigurationException}s
 * naming the property key, for example {@code apscheduler.jobs.cleanup.params.hour}.
 */
final class PropertyDeclarationSource implements DeclarationSource {

    private final String prefix;

    PropertyDeclarationSource(String jobId) {
        this.prefix = "apscheduler.jobs." + jobId;
    }

    @Override
    public String description() {
        return "property '" + this.prefix + "'";
    }

    @Override
    public ConfigurationException invalid(@Nullable String part, String problem, @Nullable Throwable cause) {
        String key = key(part);
        String message = key + ": " + problem;
        return (cause != null) ? new ConfigurationException(key, message, cause)
                : new ConfigurationException(key, message);
    }

    /**
     * Returns the property key of a part of the declaration: {@code maxInstances} is {@code max-instances},
     * {@code params.day_of_week} stays as the parameter was written.
     */
    String key(@Nullable String part) {
        if (part == null || part.equals("id")) {
            return this.prefix;
        }
        if (part.startsWith("params.")) {
            return this.prefix + "." + part;
        }
        StringBuilder kebab = new StringBuilder();
        for (char c : part.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            }
            else {
                kebab.append(c);
            }
        }
        return this.prefix + "." + kebab;
    }

}
