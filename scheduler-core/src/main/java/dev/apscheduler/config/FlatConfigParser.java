package dev.apscheduler.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.job.JobDefaults;
import org.jspecify.annotations.Nullable;

/**
 * Parses APScheduler's flat configuration form into a {@link SchedulerConfig}:
 *
 * <pre>
 * apscheduler.timezone=UTC
 * apscheduler.jobstores.default.type=memory
 * apscheduler.executors.default.class=dev.apscheduler.executor.ThreadPoolJobExecutor
 * apscheduler.executors.default.max_workers=20
 * apscheduler.job_defaults.coalesce=false
 * apscheduler.job_defaults.misfire_grace_time=30      (seconds; "none" = run however late)
 * apscheduler.jobstore_retry_interval=10
 * apscheduler.shutdown_timeout=30                     (beyond APScheduler: the bounded wait of shutdown(true))
 * </pre>
 *
 * <p>A store's or executor's options may also be grouped under {@code options}, as Spring properties do:
 * {@code apscheduler.jobstores.default.options.table_name} is the option {@code table_name}, and errors about it name
 * that key.
 *
 * <p>Keys may be written in snake_case, kebab-case or camelCase ({@code job-defaults.max-instances}), values as
 * strings (APScheduler's {@code asbool}/{@code asint} conversions apply) or typed values; nested maps are flattened.
 * Keys outside the prefix are ignored, as are top-level names passed to {@link #ignoring(String...)} (a Spring
 * starter's own settings). Every other unknown key or invalid value fails with a {@link ConfigurationException}
 * naming the key as written and the value.
 */
public final class FlatConfigParser {

    private static final List<String> JOB_DEFAULTS = List.of("misfire_grace_time", "coalesce", "max_instances");

    private static final String OPTIONS_GROUP = "options";

    private static final String KNOWN = "timezone, jobstore_retry_interval, shutdown_timeout, job_defaults.<option>, "
            + "jobstores.<alias>.<option>, executors.<alias>.<option>";

    private final String prefix;

    private final Set<String> ignored;

    private FlatConfigParser(String prefix, Set<String> ignored) {
        this.prefix = prefix;
        this.ignored = ignored;
    }

    /**
     * Creates a parser for keys that start with {@code prefix}.
     * @param prefix the prefix, for example {@code apscheduler.}; {@code null} or empty to read every key
     * @return the parser
     */
    public static FlatConfigParser withPrefix(@Nullable String prefix) {
        return new FlatConfigParser((prefix != null) ? prefix : "", Set.of());
    }

    /**
     * Returns a parser that skips the given top-level names (after the prefix), for settings that belong to
     * someone else, such as a starter's {@code enabled} or {@code auto-startup}.
     * @param names the names, in any spelling
     * @return a new parser
     */
    public FlatConfigParser ignoring(String... names) {
        Set<String> ignored = new LinkedHashSet<>(this.ignored);
        Arrays.stream(names).map(ConfigValues::canonical).forEach(ignored::add);
        return new FlatConfigParser(this.prefix, Set.copyOf(ignored));
    }

    /**
     * Parses a flat map.
     * @param flat the keys and values
     * @return the configuration
     * @throws ConfigurationException naming the key as written and the value for anything invalid
     */
    public SchedulerConfig parse(Map<String, ?> flat) {
        SchedulerConfig.Builder builder = SchedulerConfig.builder();
        Map<String, Components> components = new LinkedHashMap<>();
        JobDefaults[] defaults = { JobDefaults.DEFAULTS };
        flatten("", flat).forEach((key, value) -> {
            if (!key.startsWith(this.prefix) || value == null && !isMisfireGraceTime(key)) {
                return;
            }
            String[] segments = key.substring(this.prefix.length()).split("\\.", -1);
            String top = ConfigValues.canonical(segments[0]);
            if (this.ignored.contains(top)) {
                return;
            }
            switch (top) {
                case "timezone" -> builder.timezone(ConfigValues.zone(single(key, segments), value));
                case "jobstore_retry_interval" -> builder
                    .jobstoreRetryInterval(ConfigValues.positiveDuration(single(key, segments), value));
                case "shutdown_timeout" -> builder.shutdownTimeout(nonNegative(single(key, segments), value));
                case "job_defaults" -> defaults[0] = jobDefault(defaults[0], key, segments, value);
                case "jobstores", "job_stores" -> component(components, "jobstores", key, segments, value);
                case "executors" -> component(components, "executors", key, segments, value);
                default -> throw new ConfigurationException(key, key + ": unknown key (known: " + KNOWN + ")");
            }
        });
        builder.jobDefaults(defaults[0]);
        components.forEach((name, group) -> group.aliases.forEach((alias, partial) -> {
            ComponentConfig config = partial.toConfig();
            if (name.equals("jobstores")) {
                builder.jobStore(alias, config);
            }
            else {
                builder.executor(alias, config);
            }
        }));
        return builder.build();
    }

    private boolean isMisfireGraceTime(String key) {
        return ConfigValues.canonical(key).endsWith("misfire_grace_time");
    }

    private static Map<String, @Nullable Object> flatten(String parent, Map<?, ?> map) {
        Map<String, @Nullable Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String name = parent.isEmpty() ? String.valueOf(key) : parent + "." + key;
            if (value instanceof Map<?, ?> nested) {
                result.putAll(flatten(name, nested));
            }
            else {
                result.put(name, value);
            }
        });
        return result;
    }

    private static String single(String key, String[] segments) {
        if (segments.length != 1) {
            throw new ConfigurationException(key, key + ": unknown key (known: " + KNOWN + ")");
        }
        return key;
    }

    private static Duration nonNegative(String key, Object value) {
        Duration duration = ConfigValues.duration(key, value);
        if (duration.isNegative()) {
            throw new ConfigurationException(key, value, "expected zero or a positive duration");
        }
        return duration;
    }

    private static JobDefaults jobDefault(JobDefaults defaults, String key, String[] segments,
            @Nullable Object value) {
        String option = (segments.length == 2) ? ConfigValues.canonical(segments[1]) : "";
        switch (option) {
            case "misfire_grace_time" -> {
                return defaults.withMisfireGraceTime(ConfigValues.misfireGraceTime(key, value).orElse(null));
            }
            case "coalesce" -> {
                return defaults.withCoalesce(ConfigValues.bool(key, nonNull(key, value)));
            }
            case "max_instances" -> {
                int maxInstances = ConfigValues.integer(key, nonNull(key, value));
                if (maxInstances < 1) {
                    throw new ConfigurationException(key, value, "expected a number >= 1");
                }
                return defaults.withMaxInstances(maxInstances);
            }
            default -> throw new ConfigurationException(key, key + ": unknown job default (known: "
                    + String.join(", ", JOB_DEFAULTS) + ")");
        }
    }

    private static Object nonNull(String key, @Nullable Object value) {
        if (value == null) {
            throw new ConfigurationException(key, null, "a value is required");
        }
        return value;
    }

    private void component(Map<String, Components> components, String group, String key, String[] segments,
            @Nullable Object value) {
        if (segments.length < 3 || segments[1].isBlank()) {
            throw new ConfigurationException(key, key + ": expected " + this.prefix + group + ".<alias>.<option>");
        }
        String alias = segments[1];
        Partial partial = components.computeIfAbsent(group, (name) -> new Components()).aliases
            .computeIfAbsent(alias, (name) -> new Partial(key.substring(0, key.length()
                    - String.join(".", Arrays.copyOfRange(segments, 2, segments.length)).length() - 1)));
        List<String> rest = new ArrayList<>(Arrays.asList(segments).subList(2, segments.length));
        if (rest.size() > 1 && ConfigValues.canonical(rest.get(0)).equals(OPTIONS_GROUP)) {
            // <alias>.options.<name> (how Spring properties group free-form settings) is the option <name>
            partial.put(String.join(".", rest.subList(1, rest.size())), key, value);
            return;
        }
        String option = String.join(".", rest);
        switch (ConfigValues.canonical(option)) {
            case "type" -> partial.type = ConfigValues.string(key, nonNull(key, value));
            case "class" -> partial.className = ConfigValues.string(key, nonNull(key, value));
            default -> partial.put(option, key, value);
        }
    }

    /**
     * The components of one group ({@code jobstores} or {@code executors}) by alias.
     */
    private static final class Components {

        private final Map<String, Partial> aliases = new LinkedHashMap<>();

    }

    /**
     * One component's keys as they are collected.
     */
    private static final class Partial {

        private final String source;

        private @Nullable String type;

        private @Nullable String className;

        private final Map<String, @Nullable Object> options = new LinkedHashMap<>();

        private final Map<String, String> keys = new LinkedHashMap<>();

        Partial(String source) {
            this.source = source;
        }

        void put(String option, String key, @Nullable Object value) {
            this.options.put(option, value);
            this.keys.put(option, key);
        }

        ComponentConfig toConfig() {
            return new ComponentConfig(this.type, this.className,
                    ComponentOptions.of(this.source + ".", this.options, this.keys), this.source);
        }

    }

}
