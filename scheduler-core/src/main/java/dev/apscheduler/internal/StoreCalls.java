package dev.apscheduler.internal;

import java.util.function.Supplier;

import dev.apscheduler.JobStoreException;
import dev.apscheduler.SchedulerException;

/**
 * Runs a job store call made on behalf of an API method: the scheduler's own exceptions (a conflicting id, an
 * unknown job) pass through, any other failure becomes a {@link JobStoreException} naming the store and the
 * operation.
 */
final class StoreCalls {

    private StoreCalls() {
    }

    static <T> T call(String alias, String operation, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (SchedulerException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw new JobStoreException("Job store '" + alias + "' failed to " + operation + ": " + ex.getMessage(),
                    ex);
        }
    }

    static void run(String alias, String operation, Runnable call) {
        call(alias, operation, () -> {
            call.run();
            return null;
        });
    }

}
