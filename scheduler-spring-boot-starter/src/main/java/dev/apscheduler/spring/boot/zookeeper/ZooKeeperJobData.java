package dev.apscheduler.spring.boot.zookeeper;

import java.nio.charset.StandardCharsets;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStoreContext;

/**
 * Turns jobs into the data of their znodes and back: exactly the JSON of {@link JobCodec}, as UTF-8.
 */
final class ZooKeeperJobData {

    private final JobStoreContext context;

    ZooKeeperJobData(JobStoreContext context) {
        this.context = context;
    }

    String alias() {
        return this.context.alias();
    }

    JobStoreContext context() {
        return this.context;
    }

    void report(JobRestoreException failure) {
        this.context.reportUnrestorableJob(failure);
    }

    byte[] encode(Job job) {
        return this.context.codec().encode(job.withJobstore(this.context.alias())).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Restores the job of a node.
     * @param name the node's name
     * @throws JobRestoreException naming the node's job id if the data cannot be restored or names another id
     */
    Job decode(String name, byte[] data) {
        String id = ZooKeeperNodes.id(name);
        Job job;
        try {
            job = this.context.codec().decode(new String(data, StandardCharsets.UTF_8), this.context.alias());
        }
        catch (JobRestoreException ex) {
            if (ex.jobId().equals(id)) {
                throw ex;
            }
            throw new JobRestoreException(id, detail(ex), ex);
        }
        catch (RuntimeException ex) {
            throw new JobRestoreException(id, String.valueOf(ex.getMessage()), ex);
        }
        if (!job.id().equals(id)) {
            throw new JobRestoreException(id, "its stored state names the id '" + job.id() + "'",
                    new IllegalStateException("id mismatch"));
        }
        return job;
    }

    private static String detail(JobRestoreException ex) {
        String message = String.valueOf(ex.getMessage());
        String prefix = "Job '" + ex.jobId() + "' cannot be restored: ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

}
