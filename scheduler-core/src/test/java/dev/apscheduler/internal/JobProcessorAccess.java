package dev.apscheduler.internal;

/**
 * Opens {@link JobProcessor}'s batch sizes to tests in other packages.
 */
public final class JobProcessorAccess {

    private JobProcessorAccess() {
    }

    public static int memoryBatchSize() {
        return JobProcessor.MEMORY_BATCH_SIZE;
    }

    public static int memoryFirstBatchSize() {
        return JobProcessor.MEMORY_FIRST_BATCH_SIZE;
    }

}
