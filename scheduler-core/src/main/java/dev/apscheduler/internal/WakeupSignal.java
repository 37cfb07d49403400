package dev.apscheduler.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * What the scheduler's loop sleeps on: it wakes when the wait ends or when {@link #signal()} is called. A signal
 * given while the loop is not waiting is remembered, so no wake-up is lost between computing a wait and starting it.
 */
final class WakeupSignal {

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition condition = this.lock.newCondition();

    private boolean signalled;

    /**
     * Wakes the loop (now, or as soon as it next waits).
     */
    public void signal() {
        this.lock.lock();
        try {
            this.signalled = true;
            this.condition.signalAll();
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Waits for a signal or for the timeout, whichever comes first, then clears the signal.
     * @param timeout the longest wait, or {@code null} to wait for a signal only
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void await(@Nullable Duration timeout) throws InterruptedException {
        this.lock.lock();
        try {
            long nanos = (timeout != null) ? saturatedNanos(timeout) : Long.MAX_VALUE;
            while (!this.signalled) {
                if (timeout == null) {
                    this.condition.await();
                }
                else {
                    if (nanos <= 0) {
                        break;
                    }
                    nanos = this.condition.awaitNanos(nanos);
                }
            }
            this.signalled = false;
        }
        finally {
            this.lock.unlock();
        }
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        }
        catch (ArithmeticException ex) {
            return TimeUnit.DAYS.toNanos(365);
        }
    }

}
