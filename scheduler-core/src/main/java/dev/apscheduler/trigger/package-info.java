/**
 * Triggers: the rules that compute when a job runs.
 *
 * <p>Every trigger kind of APScheduler is here ({@code date}, {@code interval}, {@code cron},
 * {@code calendarinterval}, {@code and}, {@code or}), built either by typed builders ({@link Triggers#cron()})
 * or from APScheduler's string form ({@link Triggers#create(String, java.util.Map)}), which is also how job stores
 * persist them. Kinds of one's own are added with a {@link TriggerFactory}, and a scheduler's
 * {@link TriggerRegistry} knows every kind it can build and restore.
 */
@NullMarked
package dev.apscheduler.trigger;

import org.jspecify.annotations.NullMarked;
