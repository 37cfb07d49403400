/**
 * Executors: the {@link dev.apscheduler.executor.JobExecutor} service provider interface, the shared run logic
 * (misfire check, instance counting, events) and the {@code threadpool}, {@code virtual} and {@code direct}
 * executors.
 */
@NullMarked
package dev.apscheduler.executor;

import org.jspecify.annotations.NullMarked;
