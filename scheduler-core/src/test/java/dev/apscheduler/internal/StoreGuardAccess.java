package dev.apscheduler.internal;

import java.time.Duration;

/**
 * Opens {@link StoreGuard}'s backoff computation to tests in other packages.
 */
public final class StoreGuardAccess {

    private StoreGuardAccess() {
    }

    public static Duration backoff(Duration retryInterval, int failures) {
        return StoreGuard.backoff(retryInterval, failures);
    }

}
