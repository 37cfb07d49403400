-- The tables of the jpa job store and the jpa history for MySQL 8+ and MariaDB 10.6+
-- (apscheduler.jpa.initialize-schema, or copy into a Flyway/Liquibase migration). Safe to run again: it creates only
-- what is missing. Ids are case-sensitive (utf8mb4_bin), as in Java.
CREATE TABLE IF NOT EXISTS apscheduler_jobs (
    id VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
    next_run_time BIGINT,
    job_state LONGTEXT CHARACTER SET utf8mb4 NOT NULL,
    version BIGINT DEFAULT 0 NOT NULL,
    restore_error VARCHAR(1000) CHARACTER SET utf8mb4,
    INDEX ix_apscheduler_jobs_next_run_time (next_run_time, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The jpa history's table (apscheduler.history.type=jpa): one row per run, times in epoch microseconds.
CREATE TABLE IF NOT EXISTS apscheduler_runs (
    run_id VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
    job_id VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    jobstore VARCHAR(191) CHARACTER SET utf8mb4 NOT NULL,
    executor VARCHAR(191) CHARACTER SET utf8mb4 NOT NULL,
    task VARCHAR(500) CHARACTER SET utf8mb4 NOT NULL,
    scheduled_at BIGINT NOT NULL,
    attempt INT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    outcome VARCHAR(16) CHARACTER SET utf8mb4 NOT NULL,
    instance VARCHAR(191) CHARACTER SET utf8mb4 NOT NULL,
    error_type VARCHAR(500) CHARACTER SET utf8mb4,
    error_message VARCHAR(2000) CHARACTER SET utf8mb4,
    stack_trace MEDIUMTEXT CHARACTER SET utf8mb4,
    result MEDIUMTEXT CHARACTER SET utf8mb4,
    result_note VARCHAR(500) CHARACTER SET utf8mb4,
    INDEX ix_apscheduler_runs_job_id (job_id, run_id),
    INDEX ix_apscheduler_runs_outcome (outcome, run_id),
    INDEX ix_apscheduler_runs_scheduled_at (scheduled_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The jpa job store's run slots (max_instances_scope=cluster): one row per running instance of a job counted across
-- the scheduler instances, numbered below the job's max_instances, held until expires_at (epoch milliseconds) unless
-- renewed. A new table only: existing databases need just this statement.
CREATE TABLE IF NOT EXISTS apscheduler_run_slots (
    job_id VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    slot_no INTEGER NOT NULL,
    slot_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (job_id, slot_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
