/**
 * The schedulers under test behind one interface, {@link dev.apscheduler.benchmarks.runner.SchedulerRunner}: ours
 * with each job store, Quartz, db-scheduler and Spring's {@code ThreadPoolTaskScheduler}, each with 10 workers.
 */
@NullMarked
package dev.apscheduler.benchmarks.runner;

import org.jspecify.annotations.NullMarked;
