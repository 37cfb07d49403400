/**
 * The {@code apscheduler} actuator endpoint: the scheduler's state, job stores, executors and jobs, each job's
 * trigger, next fire times and last execution, and operations to pause, resume, run and remove jobs.
 */
@NullMarked
package dev.apscheduler.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
