package dev.apscheduler.executor.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.apscheduler.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker processes of one pool: at most {@code max_workers} alive, idle ones reused, dead ones replaced, each
 * retired after {@code max_tasks_per_child} runs. Workers are started in the background when the pool starts eagerly
 * or replaces one; otherwise when a run needs one.
 */
final class WorkerProcesses {

    private static final Logger logger = LoggerFactory.getLogger(ProcessPoolJobExecutor.class);

    private final String alias;

    private final int maxWorkers;

    private final int maxTasksPerChild;

    private final boolean eager;

    private final Duration startTimeout;

    private final Supplier<ProcessBuilder> command;

    private final Object lock = new Object();

    private final Deque<WorkerProcess> idle = new ArrayDeque<>();

    private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();

    /** Workers alive or starting. */
    private int live;

    private boolean closed;

    WorkerProcesses(String alias, int maxWorkers, int maxTasksPerChild, boolean eager, Duration startTimeout,
            Supplier<ProcessBuilder> command) {
        this.alias = alias;
        this.maxWorkers = maxWorkers;
        this.maxTasksPerChild = maxTasksPerChild;
        this.eager = eager;
        this.startTimeout = startTimeout;
        this.command = command;
    }

    void start() {
        if (this.eager) {
            for (int i = 0; i < this.maxWorkers; i++) {
                startInBackground();
            }
        }
    }

    /**
     * Takes an idle worker, starting one when fewer than {@code max_workers} are alive.
     * @throws SchedulerException if the pool is shut down or a new worker fails to start
     */
    WorkerProcess acquire() throws InterruptedException {
        synchronized (this.lock) {
            while (true) {
                if (this.closed) {
                    throw new SchedulerException("Process pool '" + this.alias + "' is shut down");
                }
                WorkerProcess worker = this.idle.pollFirst();
                if (worker != null) {
                    if (worker.isAlive()) {
                        return worker;
                    }
                    discardLocked(worker);
                    continue;
                }
                if (this.live < this.maxWorkers) {
                    this.live++;
                    break;
                }
                this.lock.wait();
            }
        }
        return startCounted();
    }

    /**
     * Gives a worker back after a run: reused, retired after its last run, or replaced when it died.
     */
    void release(WorkerProcess worker) {
        boolean replace;
        synchronized (this.lock) {
            boolean retire = this.maxTasksPerChild > 0 && worker.runs() >= this.maxTasksPerChild;
            if (worker.isAlive() && !retire && !this.closed) {
                this.idle.addFirst(worker);
                this.lock.notifyAll();
                return;
            }
            if (retire && worker.isAlive()) {
                logger.debug("Retiring {} after {} runs", worker, worker.runs());
                worker.close();
            }
            discardLocked(worker);
            replace = this.eager && !this.closed;
            if (replace) {
                this.live++;
            }
        }
        if (replace) {
            startInBackground0();
        }
    }

    private void discardLocked(WorkerProcess worker) {
        this.all.remove(worker);
        this.live--;
        this.lock.notifyAll();
    }

    private void startInBackground() {
        synchronized (this.lock) {
            this.live++;
        }
        startInBackground0();
    }

    private void startInBackground0() {
        Thread thread = new Thread(() -> {
            try {
                WorkerProcess worker = startCounted();
                synchronized (this.lock) {
                    if (this.closed) {
                        worker.close();
                        return;
                    }
                    this.idle.addLast(worker);
                    this.lock.notifyAll();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException ex) {
                logger.error("Process pool '{}' could not start a worker", this.alias, ex);
            }
        }, "apscheduler-" + this.alias + "-worker-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a worker already counted as live; uncounts it when it fails to start. */
    private WorkerProcess startCounted() throws InterruptedException {
        WorkerProcess worker = null;
        try {
            worker = WorkerProcess.start(this.command.get(), this.alias);
            this.all.add(worker);
            worker.awaitReady(this.startTimeout);
            logger.debug("Started {}", worker);
            return worker;
        }
        catch (RuntimeException | InterruptedException ex) {
            synchronized (this.lock) {
                if (worker != null) {
                    worker.kill();
                    this.all.remove(worker);
                }
                this.live--;
                this.lock.notifyAll();
            }
            throw ex;
        }
    }

    int idle() {
        synchronized (this.lock) {
            return this.idle.size();
        }
    }

    /** Process ids of the workers alive, for monitoring and tests. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        this.all.forEach((worker) -> pids.add(worker.pid()));
        return pids;
    }

    /** Stops handing out workers and asks the idle ones to exit. */
    void close() {
        synchronized (this.lock) {
            this.closed = true;
            this.idle.forEach(WorkerProcess::close);
            this.idle.clear();
            this.lock.notifyAll();
        }
    }

    /** Kills every worker, busy or not: their runs fail with the exit code. */
    void killAll() {
        this.all.forEach(WorkerProcess::kill);
    }

    /** Waits for every worker to exit, killing those still alive after {@code timeout}. */
    void awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (WorkerProcess worker : new ArrayList<>(this.all)) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!worker.awaitExit(Duration.ofNanos(left))) {
                    logger.warn("Killing {}: it did not exit within {} of the shutdown", worker, timeout);
                    worker.kill();
                    worker.awaitExit(Duration.ofSeconds(5));
                }
            }
            catch (InterruptedException ex) {
                worker.kill();
                Thread.currentThread().interrupt();
            }
            this.all.remove(worker);
        }
    }

}
