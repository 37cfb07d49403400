package dev.apscheduler.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.apscheduler.ConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * How to create one job store or executor: a registered {@code type} (for example {@code memory} or
 * {@code threadpool}) or a {@code class} name, plus options such as {@code max_workers}. When neither is given the
 * scheduler uses the default type ({@code memory} for stores, {@code threadpool} for executors).
 *
 * @param type the type name, or {@code null}
 * @param className a fully qualified class name (a store, executor or factory), or {@code null}
 * @param options the remaining options
 * @param source where this came from, for error messages, for example {@code apscheduler.executors.default}
 */
public record ComponentConfig(@Nullable String type, @Nullable String className, ComponentOptions options,
        String source) {

    /**
     * Creates the configuration, refusing both a type and a class.
     * @param type the type name, or {@code null}
     * @param className a fully qualified class name, or {@code null}
     * @param options the remaining options
     * @param source where this came from, for error messages
     * @throws ConfigurationException if both a type and a class are given
     */
    public ComponentConfig {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(source, "source");
        if (type != null && className != null) {
            throw new ConfigurationException(source + ".type", source + ": give either 'type' ('" + type
                    + "') or 'class' ('" + className + "'), not both");
        }
    }

    /**
     * Describes a component of a registered type.
     * @param type the type name
     * @param options the options under snake_case, kebab-case or camelCase names
     * @return the configuration
     */
    public static ComponentConfig ofType(String type, Map<String, ?> options) {
        return new ComponentConfig(type, null, ComponentOptions.of("", options), "type '" + type + "'");
    }

    /**
     * Describes a component of a registered type, without options.
     * @param type the type name
     * @return the configuration
     */
    public static ComponentConfig ofType(String type) {
        return ofType(type, Map.of());
    }

    /**
     * Returns the type name given.
     * @return the type, or empty
     */
    public Optional<String> typeIfGiven() {
        return Optional.ofNullable(this.type);
    }

    /**
     * Returns the class name given.
     * @return the class name, or empty
     */
    public Optional<String> classNameIfGiven() {
        return Optional.ofNullable(this.className);
    }

}
