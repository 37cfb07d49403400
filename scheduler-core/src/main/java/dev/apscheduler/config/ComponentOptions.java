package dev.apscheduler.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.apscheduler.ConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * The options of one configured job store or executor (everything under {@code apscheduler.executors.<alias>.}
 * except {@code type} and {@code class}), read under their snake_case names whatever spelling was used, and
 * converted with errors that name the key as it was written.
 */
public final class ComponentOptions {



    private final String keyPrefix;

    private final Map<String, Entry> entries;

    private ComponentOptions(String keyPrefix, Map<String, Entry> entries) {
        this.keyPrefix = keyPrefix;
        this.entries = entries;
    }

    /**
     * Creates options from values keyed as written.
     * @param keyPrefix what precedes the option names in error messages, for example
     * {@code apscheduler.executors.default.}
     * @param values option values by name (snake_case, kebab-case or camelCase)
     * @return the options
     * @throws ConfigurationException if an option is given twice under different spellings
     */
    public static ComponentOptions of(String keyPrefix, Map<String, ?> values) {
        return of(keyPrefix, values, Map.of());
    }

    /**
     * Creates options from values some of which were written under other keys than the prefix and their name.
     * @param keyPrefix what precedes the option names in error messages
     * @param values option values by name (snake_case, kebab-case or camelCase)
     * @param keys the keys as written by option name, for options not written as the prefix and their name
     * @return the options
     */
    static ComponentOptions of(String keyPrefix, Map<String, ?> values, Map<String, String> keys) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            String canonical = ConfigValues.canonical(name);
            String key = keys.getOrDefault(name, keyPrefix + name);
            Entry previous = entries.put(canonical, new Entry(key, value));
            if (previous != null) {
                throw new ConfigurationException(key, "option '" + key + "' is given twice, also as '"
                        + previous.key() + "'");
            }
        });
        return new ComponentOptions(keyPrefix, Collections.unmodifiableMap(entries));
    }

    /**
     * Returns options with no values.
     * @param keyPrefix what precedes the option names in error messages
     * @return empty options
     */
    public static ComponentOptions empty(String keyPrefix) {
        return new ComponentOptions(keyPrefix, Map.of());
    }

    /**
     * Returns these options without one, for a component that reads an option before handing the rest on.
     * @param name the option's name (snake_case, kebab-case or camelCase)
     * @return the other options, their keys as written
     */
    public ComponentOptions without(String name) {
        Map<String, Entry> rest = new LinkedHashMap<>(this.entries);
        rest.remove(ConfigValues.canonical(name));
        return new ComponentOptions(this.keyPrefix, Collections.unmodifiableMap(rest));
    }

    /**
     * Returns the option names given, in snake_case.
     * @return the names
     */
    public Set<String> names() {
        return this.entries.keySet();
    }

    /**
     * Tells whether no option was given.
     * @return whether the options are empty
     */
    public boolean isEmpty() {
        return this.entries.isEmpty();
    }

    /**
     * Returns the key an option was written as, for error messages.
     * @param name the option's snake_case name
     * @return the key as written, or the prefix and the name when the option was not given
     */
    public String keyFor(String name) {
        Entry entry = this.entries.get(name);
        return (entry != null) ? entry.key() : this.keyPrefix + name;
    }

    /**
     * Returns the prefix option keys are written under.
     * @return the prefix, for example {@code apscheduler.executors.default.}
     */
    public String keyPrefix() {
        return this.keyPrefix;
    }

    /**
     * Returns an option's value as given.
     * @param name the option's snake_case name
     * @return the value, or empty when not given
     */
    public Optional<Object> raw(String name) {
        Entry entry = this.entries.get(name);
        return (entry != null) ? Optional.ofNullable(entry.value()) : Optional.empty();
    }

    /**
     * Returns an option's value as text.
     * @param name the option's snake_case name
     * @return the text, trimmed, or empty when not given
     */
    public Optional<String> string(String name) {
        return raw(name).map((value) -> ConfigValues.string(keyFor(name), value));
    }

    /**
     * Returns an option's value as a whole number (APScheduler's {@code asint}).
     * @param name the option's snake_case name
     * @return the number, or empty when not given
     * @throws ConfigurationException if the value is not a whole number
     */
    public Optional<Integer> integer(String name) {
        return raw(name).map((value) -> ConfigValues.integer(keyFor(name), value));
    }

    /**
     * Returns an option's value as a positive whole number.
     * @param name the option's snake_case name
     * @return the number, or empty when not given
     * @throws ConfigurationException if the value is not a whole number of at least one
     */
    public Optional<Integer> positiveInteger(String name) {
        return integer(name).map((value) -> {
            if (value < 1) {
                throw new ConfigurationException(keyFor(name), raw(name).orElse(value), "expected a number >= 1");
            }
            return value;
        });
    }

    /**
     * Returns an option's value as a boolean (APScheduler's {@code asbool}).
     * @param name the option's snake_case name
     * @return the boolean, or empty when not given
     * @throws ConfigurationException if the value is not a boolean
     */
    public Optional<Boolean> bool(String name) {
        return raw(name).map((value) -> ConfigValues.bool(keyFor(name), value));
    }

    /**
     * Returns an option's value as a duration: seconds, a {@code Duration}, {@code 30s}-style or ISO-8601.
     * @param name the option's snake_case name
     * @return the duration, or empty when not given
     * @throws ConfigurationException if the value is not a duration
     */
    public Optional<Duration> duration(String name) {
        return raw(name).map((value) -> ConfigValues.duration(keyFor(name), value));
    }

    /**
     * Fails when an option is not among {@code known}.
     * @param component what the options configure, for example {@code executor type 'threadpool'}
     * @param known the option names the component accepts
     * @throws ConfigurationException naming the first unknown key as written and the known options
     */
    public void requireOnly(String component, Collection<String> known) {
        for (Map.Entry<String, Entry> entry : this.entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new ConfigurationException(entry.getValue().key(), entry.getValue().key()
                        + ": unknown option for " + component + " (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))) + ")");
            }
        }
    }

    /**
     * Returns the options as written, keyed by snake_case name, for a component that takes them as a map.
     * @return the values
     */
    public Map<String, Object> asMap() {
        Map<String, Object> result = new LinkedHashMap<>();
        this.entries.forEach((name, entry) -> result.put(name, entry.value()));
        return Collections.unmodifiableMap(result);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ComponentOptions that && asMap().equals(that.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    private record Entry(String key, @Nullable Object value) {
    }

}
