package dev.apscheduler.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;

/**
 * The scheduler's main loop, APScheduler's {@code _main_loop}: process the due jobs, then sleep until the next run
 * time or until woken, as long as the scheduler is not stopped. An unexpected failure of a pass is logged and the
 * loop goes on after the retry interval: the loop never dies silently.
 */
final class SchedulerLoop {

    private static final Logger logger = SchedulerCore.logger;

    private SchedulerLoop() {
    }

    /**
     * Runs the loop on the calling thread until {@code running} turns false or the thread is interrupted.
     * @param pass one pass, returning how long to sleep (empty: until woken)
     * @param signal what wakes the loop
     * @param running whether to go on
     * @param retryInterval how long to sleep after a failed pass
     */
    public static void run(Supplier<Optional<Duration>> pass, WakeupSignal signal, BooleanSupplier running,
            Supplier<Duration> retryInterval) {
        while (running.getAsBoolean()) {
            Duration wait;
            try {
                wait = pass.get().orElse(null);
            }
            catch (RuntimeException ex) {
                logger.error("Unexpected error while processing jobs; trying again in {}", retryInterval.get(), ex);
                wait = retryInterval.get();
            }
            if (!running.getAsBoolean()) {
                break;
            }
            if (wait != null) {
                logger.debug("Next wakeup is due in {}", wait);
            }
            else {
                logger.debug("No jobs due; waiting until woken");
            }
            try {
                signal.await(wait);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                logger.warn("Scheduler loop interrupted; it stops");
                return;
            }
        }
    }

}
