/**
 * Jobs and tasks: the immutable {@link dev.apscheduler.job.Job}, the {@link dev.apscheduler.job.JobSpec} given to
 * {@code addJob}, the {@link dev.apscheduler.job.JobChanges} given to {@code modifyJob}, job defaults, and the
 * registry of named {@link dev.apscheduler.job.Task tasks} that jobs refer to.
 */
@NullMarked
package dev.apscheduler.job;

import org.jspecify.annotations.NullMarked;
