package dev.apscheduler;

import java.time.Duration;
import java.util.Objects;

import dev.apscheduler.executor.ThreadPoolJobExecutor;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler that runs its loop on a thread of its own, so that {@link #start()} returns at once: APScheduler's
 * {@code BackgroundScheduler}. The thread is a daemon thread by default (APScheduler's {@code daemon=True}), so it
 * does not keep the JVM alive; the default executor is a {@code threadpool} of 10 workers.
 *
 * <pre>{@code
 * BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneId.of("UTC")).build();
 * scheduler.taskRegistry().register("tick", () -> System.out.println("tick"));
 * scheduler.addJob("tick", "interval", Map.of("seconds", 2));
 * scheduler.start();
 * }</pre>
 */
public final class BackgroundScheduler extends AbstractScheduler {

    private final boolean daemon;

    private final String threadName;

    private volatile @Nullable Thread thread;

    private BackgroundScheduler(Builder builder) {
        super(builder, ThreadPoolJobExecutor::new);
        this.daemon = builder.daemon;
        this.threadName = builder.threadName;
    }

    /**
     * Creates a scheduler with every default: system clock and time zone, a memory job store, a thread pool.
     */
    public BackgroundScheduler() {
        this(builder());
    }

    /**
     * Starts a builder.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void startLoop(boolean paused) {
        Thread thread = new Thread(() -> engine().runLoop(() -> state() != SchedulerState.STOPPED), this.threadName);
        thread.setDaemon(this.daemon);
        this.thread = thread;
        thread.start();
    }

    @Override
    protected void stopLoop(Duration timeout) {
        engine().wakeLoop();
        Thread thread = this.thread;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(Math.max(1, timeout.toMillis()));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        this.thread = null;
    }

    @Override
    public void wakeup() {
        engine().wakeLoop();
    }

    /**
     * Builds a {@link BackgroundScheduler}.
     */
    public static final class Builder extends SchedulerBuilder<Builder, BackgroundScheduler> {

        private boolean daemon = true;

        private String threadName = "APScheduler";

        Builder() {
        }

        /**
         * Sets whether the scheduler's thread is a daemon thread (by default it is).
         * @param daemon whether the thread lets the JVM exit
         * @return this builder
         */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /**
         * Sets the name of the scheduler's thread (by default {@code APScheduler}).
         * @param threadName the name
         * @return this builder
         */
        public Builder threadName(String threadName) {
            this.threadName = Objects.requireNonNull(threadName, "threadName");
            return this;
        }

        @Override
        public BackgroundScheduler build() {
            return new BackgroundScheduler(this);
        }

    }

}
