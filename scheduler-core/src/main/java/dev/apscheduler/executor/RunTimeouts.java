package dev.apscheduler.executor;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timer that enforces run timeouts for executors used outside a scheduler, on one daemon thread shared by all of
 * them; a scheduler enforces them in its own loop instead.
 */
final class RunTimeouts {

    /** The instance name a context outside a scheduler writes in run records. */
    static final String LOCAL_INSTANCE = localInstanceName();

    private static final class Holder {

        static final RunTimeouts SHARED = new RunTimeouts();

    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "apscheduler-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private RunTimeouts() {
    }

    static RunTimeouts shared() {
        return Holder.SHARED;
    }

    Runnable watch(Clock clock, Instant deadline, Runnable onTimeout) {
        long delay = Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
        ScheduledFuture<?> future = this.timer.schedule(onTimeout, delay, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /**
     * The host name and process id, as {@code host-1234}: what tells scheduler instances sharing a store apart.
     * @return the name
     */
    static String localInstanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (Exception ex) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

}
