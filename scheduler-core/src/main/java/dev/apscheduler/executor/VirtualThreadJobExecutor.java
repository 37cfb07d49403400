package dev.apscheduler.executor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.ConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Runs each job on a new virtual thread (Java 21 or newer): type {@code virtual}. Without {@code max_workers}
 * every submission runs at once; with it, submissions beyond the limit wait for a permit, and the wait counts towards
 * their lateness. Built against Java 17, the virtual-thread factory is looked up at run time.
 */
public final class VirtualThreadJobExecutor extends AbstractJobExecutor {

    /** This executor's type name. */
    public static final String TYPE = "virtual";

    private final @Nullable Semaphore permits;

    private final int maxWorkers;

    private final MethodHandle factory;

    private volatile @Nullable ExecutorService threads;

    /**
     * Creates an executor without a worker limit.
     * @throws ConfigurationException on a Java runtime older than 21
     */
    public VirtualThreadJobExecutor() {
        this(null);
    }

    /**
     * Creates an executor.
     * @param maxWorkers how many jobs may run at once, or {@code null} for no limit
     * @throws ConfigurationException on a Java runtime older than 21
     */
    public VirtualThreadJobExecutor(@Nullable Integer maxWorkers) {
        if (maxWorkers != null && maxWorkers < 1) {
            throw new IllegalArgumentException("max_workers must be >= 1, was " + maxWorkers);
        }
        this.factory = virtualThreadFactory();
        this.maxWorkers = (maxWorkers != null) ? maxWorkers : Integer.MAX_VALUE;
        this.permits = (maxWorkers != null) ? new Semaphore(maxWorkers, true) : null;
    }

    /**
     * Tells whether this Java runtime has virtual threads.
     * @return whether the runtime is Java 21 or newer
     */
    public static boolean isSupported() {
        return Runtime.version().feature() >= 21;
    }

    private static MethodHandle virtualThreadFactory() {
        if (!isSupported()) {
            throw new ConfigurationException(null, "executor type 'virtual' needs Java 21 or newer; running on "
                    + System.getProperty("java.version"));
        }
        try {
            return MethodHandles.publicLookup().findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        }
        catch (ReflectiveOperationException ex) {
            throw new ConfigurationException(null, "executor type 'virtual': this Java runtime ("
                    + System.getProperty("java.version") + ") has no virtual-thread executor", ex);
        }
    }

    @Override
    public void start(ExecutorContext context) {
        super.start(context);
        try {
            this.threads = (ExecutorService) this.factory.invoke();
        }
        catch (Throwable ex) {
            throw new IllegalStateException("cannot create the virtual-thread executor", ex);
        }
    }

    @Override
    protected void execute(Runnable work) {
        ExecutorService threads = this.threads;
        if (threads == null) {
            context();
            throw new IllegalStateException("virtual thread executor has not been started");
        }
        Semaphore permits = this.permits;
        threads.execute((permits != null) ? () -> withPermit(permits, work) : work);
    }

    private static void withPermit(Semaphore permits, Runnable work) {
        permits.acquireUninterruptibly();
        try {
            work.run();
        }
        finally {
            permits.release();
        }
    }

    @Override
    public boolean shutdown(Duration timeout) {
        ExecutorService threads = this.threads;
        if (threads == null) {
            return true;
        }
        threads.shutdown();
        try {
            return timeout.isZero() ? threads.isTerminated()
                    : threads.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return threads.isTerminated();
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int maxWorkers() {
        return this.maxWorkers;
    }

    @Override
    public String toString() {
        return "VirtualThreadJobExecutor[max_workers="
                + ((this.maxWorkers == Integer.MAX_VALUE) ? "unbounded" : this.maxWorkers) + "]";
    }

}
