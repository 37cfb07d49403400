package dev.apscheduler.spring.boot.jpa;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored job the store cannot restore (corrupt JSON, an unknown trigger alias, invalid trigger parameters): kept in
 * the table, skipped by the scheduler, and listed for operators until it is replaced or removed.
 *
 * @param id the job's id
 * @param nextRunTime the next run time the row holds, or {@code null} when it holds none
 * @param error why the job cannot be restored
 */
public record UnrestorableJob(String id, @Nullable Instant nextRunTime, String error) {
}
