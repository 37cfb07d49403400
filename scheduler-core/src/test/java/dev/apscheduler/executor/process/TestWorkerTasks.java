package dev.apscheduler.executor.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.apscheduler.job.TaskRegistry;

/**
 * The tasks the test workers run, found through {@code META-INF/services}.
 */
public final class TestWorkerTasks implements WorkerTaskProvider {

    @Override
    public void registerTasks(TaskRegistry registry) {
        registry.register("square", (context) -> {
            int value = ((Number) context.arg(0).orElseThrow()).intValue();
            System.out.println("squaring " + value + " in " + ProcessHandle.current().pid());
            return Map.of("square", value * value, "by", context.kwarg("by").orElse("nobody"),
                    "job", context.jobId(), "run", context.runId());
        });
        registry.register("fail", (context) -> {
            throw new IllegalStateException("no " + context.arg(0).orElse("luck"),
                    new ArithmeticException("underneath"));
        });
        registry.register("exit", (context) -> {
            System.exit(((Number) context.arg(0).orElseThrow()).intValue());
            return null;
        });
        registry.register("oom", (context) -> {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[1_000_000]);
            }
        });
        registry.register("pid", (context) -> ProcessHandle.current().pid());
        registry.register("sleep", (context) -> {
            long start = System.currentTimeMillis();
            context.kwarg("marker").ifPresent((marker) -> touch(marker.toString()));
            Thread.sleep(((Number) context.kwarg("millis").orElse(30_000)).longValue());
            return List.of(ProcessHandle.current().pid(), start, System.currentTimeMillis());
        });
        registry.register("spin", (context) -> {
            long iterations = ((Number) context.arg(0).orElse(200_000_000L)).longValue();
            long x = 0;
            for (long i = 0; i < iterations; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            return x;
        });
        registry.register("noop", (context) -> null);
    }

    private static void touch(String file) {
        try {
            Files.writeString(Path.of(file), "started");
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

}
