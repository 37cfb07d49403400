/**
 * Configuration: the typed {@link dev.apscheduler.config.SchedulerConfig} model, built by a validating builder or
 * parsed from APScheduler's flat {@code apscheduler.}-prefixed map.
 */
@NullMarked
package dev.apscheduler.config;

import org.jspecify.annotations.NullMarked;
