-- The tables of the jpa job store and the jpa history for H2 (apscheduler.jpa.initialize-schema, or copy into a
-- Flyway/Liquibase migration). Safe to run again: it creates only what is missing.
CREATE TABLE IF NOT EXISTS apscheduler_jobs (
    id VARCHAR(191) NOT NULL PRIMARY KEY,
    next_run_time BIGINT,
    job_state CHARACTER VARYING NOT NULL,
    version BIGINT DEFAULT 0 NOT NULL,
    restore_error VARCHAR(1000)
);
CREATE INDEX IF NOT EXISTS ix_apscheduler_jobs_next_run_time ON apscheduler_jobs (next_run_time, id);

-- The jpa history's table (apscheduler.history.type=jpa): one row per run, times in epoch microseconds.
CREATE TABLE IF NOT EXISTS apscheduler_runs (
    run_id VARCHAR(36) NOT NULL PRIMARY KEY,
    job_id VARCHAR(191) NOT NULL,
    jobstore VARCHAR(191) NOT NULL,
    executor VARCHAR(191) NOT NULL,
    task VARCHAR(500) NOT NULL,
    scheduled_at BIGINT NOT NULL,
    attempt INTEGER NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    outcome VARCHAR(16) NOT NULL,
    instance VARCHAR(191) NOT NULL,
    error_type VARCHAR(500),
    error_message VARCHAR(2000),
    stack_trace CHARACTER LARGE OBJECT,
    result CHARACTER LARGE OBJECT,
    result_note VARCHAR(500)
);
CREATE INDEX IF NOT EXISTS ix_apscheduler_runs_job_id ON apscheduler_runs (job_id, run_id);
CREATE INDEX IF NOT EXISTS ix_apscheduler_runs_outcome ON apscheduler_runs (outcome, run_id);
CREATE INDEX IF NOT EXISTS ix_apscheduler_runs_scheduled_at ON apscheduler_runs (scheduled_at);

-- The jpa job store's run slots (max_instances_scope=cluster): one row per running instance of a job counted across
-- the scheduler instances, numbered below the job's max_instances, held until expires_at (epoch milliseconds) unless
-- renewed. A new table only: existing databases need just this statement.
CREATE TABLE IF NOT EXISTS apscheduler_run_slots (
    job_id VARCHAR(191) NOT NULL,
    slot_no INTEGER NOT NULL,
    slot_id VARCHAR(64) NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (job_id, slot_no)
);
