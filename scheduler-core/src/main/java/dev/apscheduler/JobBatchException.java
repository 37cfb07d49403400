package dev.apscheduler;

import java.util.List;
import java.util.Objects;

import dev.apscheduler.job.Job;

/**
 * Thrown by {@link Scheduler#addJobs(List)} when one job of the list cannot be added: names the job by its index in
 * the list and its id, carries what {@code addJob} would have thrown for it as the cause (an
 * {@link InvalidJobException}, a {@link ConflictingIdException}, an {@link UnknownTaskException}, a
 * {@link JobStoreException}, ...), and lists the jobs that were added before the failure: none when the list was
 * refused while it was checked, those of the batches already stored when a store refused or failed a later batch.
 */
public class JobBatchException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final int index;

    private final String jobId;

    private final transient List<Job> added;

    /**
     * Creates the exception.
     * @param index the job's index in the list given to {@code addJobs}
     * @param jobId the job's id (generated when its specification gave none)
     * @param reason what is wrong with the job, as a sentence, usually the cause's message
     * @param cause what {@code addJob} would have thrown for the job
     * @param added the jobs added before the failure, as stored
     */
    public JobBatchException(int index, String jobId, String reason, RuntimeException cause,
            List<Job> added) {
        super(describe(index, jobId, reason, added), cause);
        this.index = index;
        this.jobId = jobId;
        this.added = List.copyOf(added);
    }

    private static String describe(int index, String jobId, String reason, List<Job> added) {
        String job = "jobs[" + index + "] (id '" + jobId + "')";
        String outcome = added.isEmpty() ? "no job was added"
                : added.size() + " job(s) of the batches before it were added";
        return job + ": " + reason + "; " + outcome;
    }

    /**
     * Returns the index of the job in the list given to {@code addJobs}.
     * @return the index, from zero
     */
    public int index() {
        return this.index;
    }

    /**
     * Returns the id of the job: the one its specification gave, or the one generated for it.
     * @return the id
     */
    public String jobId() {
        return this.jobId;
    }

    /**
     * Returns the jobs added before the failure, which stay stored.
     * @return the jobs, empty when nothing was added
     */
    public List<Job> added() {
        return this.added;
    }

    /**
     * Returns what {@code addJob} would have thrown for the job: never {@code null}.
     * @return the cause
     */
    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) Objects.requireNonNull(super.getCause());
    }

}
