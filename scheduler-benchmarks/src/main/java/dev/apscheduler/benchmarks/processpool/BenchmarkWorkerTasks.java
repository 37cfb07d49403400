package dev.apscheduler.benchmarks.processpool;

import dev.apscheduler.executor.process.WorkerTaskProvider;
import dev.apscheduler.job.TaskRegistry;

/**
 * The plain-Java workers' tasks: {@code noop}, and {@code spin}, a CPU-bound loop of {@code args[0]} iterations.
 */
public final class BenchmarkWorkerTasks implements WorkerTaskProvider {

    @Override
    public void registerTasks(TaskRegistry registry) {
        register(registry);
    }

    static void register(TaskRegistry registry) {
        registry.register("noop", (context) -> null);
        registry.register("spin", (context) -> spin(((Number) context.arg(0).orElse(100_000_000L)).longValue()));
    }

    /**
     * Burns CPU: a linear congruential generator, whose result is returned so that the loop is not optimised away.
     * @param iterations how many steps
     * @return the last value
     */
    public static long spin(long iterations) {
        long x = 0;
        for (long i = 0; i < iterations; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

}
