-- The jpa job store's table for MySQL 8+ and MariaDB 10.6+ (apscheduler.jpa.initialize-schema, or copy into a
-- Flyway/Liquibase migration). Safe to run again: it creates only what is missing. Ids are case-sensitive
-- (utf8mb4_bin), as in Java.
CREATE TABLE IF NOT EXISTS apscheduler_jobs (
    id VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
    next_run_time BIGINT,
    job_state LONGTEXT CHARACTER SET utf8mb4 NOT NULL,
    version BIGINT DEFAULT 0 NOT NULL,
    restore_error VARCHAR(1000) CHARACTER SET utf8mb4,
    INDEX ix_apscheduler_jobs_next_run_time (next_run_time, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
