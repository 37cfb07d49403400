package dev.apscheduler.executor.process;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.job.TaskRegistry;

/**
 * A scheduler's JVM, started by a test as a child process to be killed: starts a pool of two workers, prints their
 * process ids once they are up, and waits to be killed.
 */
public final class OrphanParentMain {

    private OrphanParentMain() {
    }

    public static void main(String[] args) throws Exception {
        ProcessPoolJobExecutor executor = ProcessPoolJobExecutor.builder().maxWorkers(2).build();
        executor.start(ExecutorContext.of("orphans", Clock.systemUTC(), new TaskRegistry(), (event) -> {
        }));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Long> pids = executor.workerPids();
        while (executor.idleWorkers() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            pids = executor.workerPids();
        }
        StringBuilder line = new StringBuilder("workers");
        pids.forEach((pid) -> line.append(' ').append(pid));
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                true);
        out.println(line);
        Thread.sleep(Long.MAX_VALUE);
    }

}
