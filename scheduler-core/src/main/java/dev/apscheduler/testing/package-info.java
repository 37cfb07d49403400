/**
 * Helpers for testing code that schedules jobs: a settable {@link dev.apscheduler.testing.MutableClock} and a
 * {@link dev.apscheduler.testing.ManualScheduler} whose loop the test drives, so no test needs to sleep.
 */
@NullMarked
package dev.apscheduler.testing;

import org.jspecify.annotations.NullMarked;
