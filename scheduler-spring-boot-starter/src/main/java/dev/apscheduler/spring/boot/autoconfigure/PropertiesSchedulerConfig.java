package dev.apscheduler.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.FlatConfigParser;
import dev.apscheduler.config.SchedulerConfig;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code apscheduler.*} properties into the core's configuration model the way APScheduler's own
 * configuration is read: as a flat map whose keys are the properties' keys
 * ({@code apscheduler.executors.default.max-workers}, {@code apscheduler.jobstores.default.options.url}, ...),
 * parsed by the core's {@link FlatConfigParser}, so the core's validation applies and its errors name the property
 * key.
 */
final class PropertiesSchedulerConfig {

    private static final String PREFIX = "apscheduler.";

    private PropertiesSchedulerConfig() {
    }

    static SchedulerConfig parse(ApschedulerProperties properties) {
        return FlatConfigParser.withPrefix(PREFIX).parse(flatMap(properties));
    }

    static Map<String, Object> flatMap(ApschedulerProperties properties) {
        Map<String, Object> flat = new LinkedHashMap<>();
        if (properties.getTimezone() != null) {
            flat.put(PREFIX + "timezone", properties.getTimezone());
        }
        flat.put(PREFIX + "shutdown-timeout", properties.getShutdownTimeout());
        flat.put(PREFIX + "jobstore-retry-interval", properties.getJobstoreRetryInterval());
        JobDefaultsProperties defaults = properties.getJobDefaults();
        flat.put(PREFIX + "job-defaults.coalesce", defaults.isCoalesce());
        flat.put(PREFIX + "job-defaults.max-instances", defaults.getMaxInstances());
        flat.put(PREFIX + "job-defaults.misfire-grace-time", defaults.getMisfireGraceTime());
        properties.getJobstores().forEach((alias, store) -> {
            String prefix = component("jobstores", alias);
            flat.put(prefix + "type", store.getType());
            if (store.getMaxWait() != null) {
                flat.put(prefix + "max-wait", store.getMaxWait());
            }
            if (store.getLookAhead() != null) {
                flat.put(prefix + "look-ahead", store.getLookAhead());
            }
            putIfSet(flat, prefix + "batch-size", store.getBatchSize());
            putIfSet(flat, prefix + "jobs-key", store.getJobsKey());
            putIfSet(flat, prefix + "run-times-key", store.getRunTimesKey());
            putIfSet(flat, prefix + "database", store.getDatabase());
            putIfSet(flat, prefix + "collection", store.getCollection());
            putIfSet(flat, prefix + "claim-lease", store.getClaimLease());
            putIfSet(flat, prefix + "run-slot-lease", store.getRunSlotLease());
            putIfSet(flat, prefix + "create-indexes", store.getCreateIndexes());
            putIfSet(flat, prefix + "change-streams", store.getChangeStreams());
            putIfSet(flat, prefix + "listen-notify", store.getListenNotify());
            putIfSet(flat, prefix + "connect-string", store.getConnectString());
            putIfSet(flat, prefix + "session-timeout", store.getSessionTimeout());
            putIfSet(flat, prefix + "connection-timeout", store.getConnectionTimeout());
            putIfSet(flat, prefix + "retry-base-sleep", store.getRetryBaseSleep());
            putIfSet(flat, prefix + "retry-max-sleep", store.getRetryMaxSleep());
            putIfSet(flat, prefix + "retry-max-retries", store.getRetryMaxRetries());
            putIfSet(flat, prefix + "namespace", store.getNamespace());
            putIfSet(flat, prefix + "digest", store.getDigest());
            putIfSet(flat, prefix + "acl", store.getAcl());
            putIfSet(flat, prefix + "path", store.getPath());
            store.getOptions().forEach((name, value) -> flat.put(prefix + "options." + name, value));
        });
        properties.getExecutors().forEach((alias, executor) -> {
            String prefix = component("executors", alias);
            flat.put(prefix + "type", executor.getType());
            if (executor.getMaxWorkers() != null) {
                flat.put(prefix + "max-workers", executor.getMaxWorkers());
            }
            putIfSet(flat, prefix + "queue", executor.getQueue());
            putIfSet(flat, prefix + "exchange", executor.getExchange());
            putIfSet(flat, prefix + "routing-key", executor.getRoutingKey());
            putIfSet(flat, prefix + "confirm-timeout", executor.getConfirmTimeout());
            putIfSet(flat, prefix + "max-tasks-per-child", executor.getMaxTasksPerChild());
            putIfSet(flat, prefix + "eager", executor.getEager());
            putIfSet(flat, prefix + "heap", executor.getHeap());
            putIfSet(flat, prefix + "main-class", executor.getMainClass());
            putIfSet(flat, prefix + "start-timeout", executor.getStartTimeout());
            // one line per option and per variable: the parser would read nested keys as options of their own
            if (!executor.getJvmArgs().isEmpty()) {
                flat.put(prefix + "jvm-args", String.join("\n", executor.getJvmArgs()));
            }
            if (!executor.getEnvironment().isEmpty()) {
                List<String> lines = new ArrayList<>();
                executor.getEnvironment().forEach((name, value) -> lines.add(name + "=" + value));
                flat.put(prefix + "environment", String.join("\n", lines));
            }
        });
        return flat;
    }

    private static void putIfSet(Map<String, Object> flat, String key, @Nullable Object value) {
        if (value != null) {
            flat.put(key, value);
        }
    }

    private static String component(String group, String alias) {
        String key = PREFIX + group + "." + alias;
        if (alias.contains(".")) {
            throw new ConfigurationException(key, PREFIX + group + ".[" + alias + "]: an alias must not contain '.'");
        }
        return key + ".";
    }

}
