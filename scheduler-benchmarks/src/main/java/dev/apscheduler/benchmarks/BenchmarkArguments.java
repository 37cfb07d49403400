package dev.apscheduler.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark program's command line: {@code --name value} pairs, each name known, each number checked.
 */
final class BenchmarkArguments {

    static final Set<String> NAMES = Set.of("system", "history", "workload", "jobs", "period-ms", "duration-s",
            "sleep-ms",
            "fire-times", "lead-ms", "settle-ms", "timeout-s", "warmups", "warmup-jobs", "warmup-duration-s",
            "measured", "batch-size", "changes", "warmup-changes", "periodic", "postgres-url", "postgres-user",
            "postgres-password");

    private final Map<String, String> values;

    private BenchmarkArguments(Map<String, String> values) {
        this.values = values;
    }

    static BenchmarkArguments parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !NAMES.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + name
                        + "', expected --name value with a name in " + NAMES);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option '" + name + "' has no value");
            }
            values.put(name.substring(2), args[i + 1]);
        }
        return new BenchmarkArguments(values);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException("option --" + name + " is required"));
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(this.values.get(name));
    }

    int integer(String name, int defaultValue) {
        String value = this.values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", ""));
            if (parsed < 0) {
                throw new IllegalArgumentException("option --" + name + " must be >= 0, was " + value);
            }
            return parsed;
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("option --" + name + " must be a whole number, was '" + value + "'", ex);
        }
    }

    Duration millis(String name, long defaultMillis) {
        return Duration.ofMillis(integer(name, Math.toIntExact(defaultMillis)));
    }

    Duration seconds(String name, long defaultSeconds) {
        return Duration.ofSeconds(integer(name, Math.toIntExact(defaultSeconds)));
    }

}
