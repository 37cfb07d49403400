-- The jpa job store's table for H2 (apscheduler.jpa.initialize-schema, or copy into a Flyway/Liquibase migration).
-- Safe to run again: it creates only what is missing.
CREATE TABLE IF NOT EXISTS apscheduler_jobs (
    id VARCHAR(191) NOT NULL PRIMARY KEY,
    next_run_time BIGINT,
    job_state CHARACTER VARYING NOT NULL,
    version BIGINT DEFAULT 0 NOT NULL,
    restore_error VARCHAR(1000)
);
CREATE INDEX IF NOT EXISTS ix_apscheduler_jobs_next_run_time ON apscheduler_jobs (next_run_time, id);
