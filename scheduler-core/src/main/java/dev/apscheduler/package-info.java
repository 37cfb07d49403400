/**
 * The scheduler API: {@link dev.apscheduler.Scheduler} and its implementations
 * {@link dev.apscheduler.BackgroundScheduler} and {@link dev.apscheduler.BlockingScheduler}, their states and the
 * exception family every operation throws.
 */
@NullMarked
package dev.apscheduler;

import org.jspecify.annotations.NullMarked;
