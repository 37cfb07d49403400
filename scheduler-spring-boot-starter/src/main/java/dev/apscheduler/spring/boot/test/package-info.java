/**
 * Support for testing an application's jobs: {@link dev.apscheduler.spring.boot.test.AutoConfigureManualScheduler}
 * drives the scheduler from the test with a movable clock.
 */
@NullMarked
package dev.apscheduler.spring.boot.test;

import org.jspecify.annotations.NullMarked;
