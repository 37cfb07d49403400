package dev.apscheduler.spring.boot.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@code apscheduler_jobs} table, named like APScheduler's: the job's id, its next run time as epoch
 * microseconds (indexed, {@code null} for a paused job, rounded up so that a job is never claimed before it is due),
 * its state as the JSON text of {@link dev.apscheduler.store.JobCodec}, a version incremented by every change, and
 * the reason the state cannot be restored, if it cannot. The entity name is prefixed so that it never clashes with
 * an application's own entities.
 */
@Entity(name = ApschedulerJobEntity.ENTITY_NAME)
@Table(name = ApschedulerJobEntity.TABLE_NAME,
        indexes = @Index(name = "ix_apscheduler_jobs_next_run_time", columnList = "next_run_time, id"))
public class ApschedulerJobEntity {

    /** The table's name. */
    public static final String TABLE_NAME = "apscheduler_jobs";

    /** The entity's name in JPQL queries. */
    public static final String ENTITY_NAME = "ApschedulerJob";

    /** The longest restore error kept; longer messages are cut. */
    static final int MAX_ERROR_LENGTH = 1000;

    @Id
    @Column(name = "id", length = 191, nullable = false)
    private String id = "";

    @Column(name = "next_run_time")
    private @Nullable Long nextRunTime;

    @Column(name = "job_state", nullable = false, length = Integer.MAX_VALUE)
    private String jobState = "";

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "restore_error", length = MAX_ERROR_LENGTH)
    private @Nullable String restoreError;

    /**
     * Creates an empty row, for JPA.
     */
    protected ApschedulerJobEntity() {
    }

    ApschedulerJobEntity(String id, @Nullable Long nextRunTime, String jobState) {
        this.id = id;
        this.nextRunTime = nextRunTime;
        this.jobState = jobState;
    }

    /**
     * Returns the job's id.
     * @return the id
     */
    public String getId() {
        return this.id;
    }

    /**
     * Returns the job's next run time in epoch microseconds, rounded up.
     * @return the next run time, or {@code null} for a paused job
     */
    public @Nullable Long getNextRunTime() {
        return this.nextRunTime;
    }

    /**
     * Returns the job's state as JSON text.
     * @return the JSON
     */
    public String getJobState() {
        return this.jobState;
    }

    /**
     * Returns the row's version, incremented by every change.
     * @return the version
     */
    public long getVersion() {
        return this.version;
    }

    /**
     * Returns why the stored state cannot be restored.
     * @return the reason, or {@code null} when the row can be restored (or has not been found otherwise yet)
     */
    public @Nullable String getRestoreError() {
        return this.restoreError;
    }

    void store(@Nullable Long nextRunTime, String jobState) {
        this.nextRunTime = nextRunTime;
        this.jobState = jobState;
        this.restoreError = null;
    }

}
