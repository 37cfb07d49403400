/**
 * The sample's jobs, each one mirroring an example of APScheduler's: a tick, a cron job, a one-off alarm, jobs that
 * catch up on runs missed while the application was stopped, a job that fails, a job that outlives its interval, a
 * job retried until it succeeds and one interrupted by its timeout, a task for jobs declared in
 * {@code application.yml} or added over REST, and a listener for the scheduler's events.
 */
@NullMarked
package com.example.sample.jobs;

import org.jspecify.annotations.NullMarked;
