/**
 * The {@code apscheduler} actuator endpoint: the scheduler's state, job stores, executors, run history store and jobs,
 * each job's trigger, next fire times, retry policy, pending retries and last execution, the runs of the run history,
 * and operations to pause, resume, run and remove jobs.
 */
@NullMarked
package dev.apscheduler.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
