/**
 * Scheduler events: APScheduler's event codes as bit masks ({@link dev.apscheduler.event.EventCodes}), the typed
 * event records and the {@link dev.apscheduler.event.SchedulerListener} that receives them.
 */
@NullMarked
package dev.apscheduler.event;

import org.jspecify.annotations.NullMarked;
