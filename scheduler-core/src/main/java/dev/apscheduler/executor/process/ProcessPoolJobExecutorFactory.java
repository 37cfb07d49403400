package dev.apscheduler.executor.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;

/**
 * Creates {@link ProcessPoolJobExecutor}s: type {@code processpool} (alias {@code process_pool}), options
 * {@code max_workers} (default 10), {@code max_tasks_per_child} (0: never recycle), {@code eager} (start all workers
 * with the executor, default true), {@code heap} ({@code -Xmx}, such as {@code 512m}), {@code jvm_args} (a list, or
 * one string of options separated by spaces or line breaks), {@code environment} (a map, or {@code NAME=value}
 * pairs separated by commas or line breaks), {@code main_class} (the application class whose {@code main} workers
 * start in worker mode) and {@code start_timeout}.
 */
public final class ProcessPoolJobExecutorFactory implements JobExecutorFactory {

    static final List<String> OPTIONS = List.of("max_workers", "max_tasks_per_child", "eager", "heap", "jvm_args",
            "environment", "main_class", "start_timeout");

    @Override
    public String type() {
        return ProcessPoolJobExecutor.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("process_pool");
    }

    @Override
    public JobExecutor create(ComponentOptions options) {
        options.requireOnly("executor type 'processpool'", OPTIONS);
        ProcessPoolJobExecutor.Builder builder = ProcessPoolJobExecutor.builder();
        try {
            options.positiveInteger("max_workers").ifPresent(builder::maxWorkers);
            options.integer("max_tasks_per_child").ifPresent((value) -> {
                if (value < 0) {
                    throw new ConfigurationException(options.keyFor("max_tasks_per_child"), value,
                            "expected a number >= 0 (0 never recycles workers)");
                }
                builder.maxTasksPerChild(value);
            });
            options.bool("eager").ifPresent(builder::eager);
            options.string("heap").filter((heap) -> !heap.isEmpty()).ifPresent((heap) -> checked(options, "heap",
                    () -> builder.heap(heap)));
            options.raw("jvm_args").ifPresent((value) -> checked(options, "jvm_args",
                    () -> builder.jvmArgs(jvmArgs(value))));
            options.raw("environment").ifPresent((value) -> checked(options, "environment",
                    () -> builder.environment(environment(options, value))));
            options.string("main_class").filter((name) -> !name.isEmpty()).ifPresent((name) -> checked(options,
                    "main_class", () -> builder.mainClass(name)));
            options.duration("start_timeout").ifPresent((timeout) -> checked(options, "start_timeout",
                    () -> builder.startTimeout(timeout)));
        }
        catch (IllegalArgumentException ex) {
            throw new ConfigurationException(options.keyPrefix(), String.valueOf(ex.getMessage()));
        }
        return builder.build();
    }

    private static void checked(ComponentOptions options, String name, Runnable setter) {
        try {
            setter.run();
        }
        catch (IllegalArgumentException ex) {
            throw new ConfigurationException(options.keyFor(name), options.raw(name).orElse(""),
                    String.valueOf(ex.getMessage()));
        }
    }

    private static List<String> jvmArgs(Object value) {
        List<String> args = new ArrayList<>();
        if (value instanceof Iterable<?> list) {
            list.forEach((arg) -> args.add(String.valueOf(arg)));
        }
        else if (value instanceof Map<?, ?> map) {
            // indexed keys (jvm-args[0], jvm-args[1]) as flat properties give them
            map.values().forEach((arg) -> args.add(String.valueOf(arg)));
        }
        else {
            String text = value.toString().trim();
            // one option per line keeps spaces inside options; otherwise options are separated by spaces
            Arrays.stream(text.split(text.contains("\n") ? "\\R" : "\\s+")).map(String::trim)
                .filter((arg) -> !arg.isEmpty()).forEach(args::add);
        }
        return args;
    }

    private static Map<String, String> environment(ComponentOptions options, Object value) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, text) -> environment.put(String.valueOf(name), String.valueOf(text)));
            return environment;
        }
        String text = value.toString();
        for (String pair : text.split(text.contains("\n") ? "\\R" : ",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new ConfigurationException(options.keyFor("environment"), value,
                        "expected NAME=value pairs separated by commas, got '" + pair.trim() + "'");
            }
            environment.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return environment;
    }

}
