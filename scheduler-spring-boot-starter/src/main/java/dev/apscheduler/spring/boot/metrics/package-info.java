/**
 * Micrometer support: meters bound from the scheduler's events, and an {@code Observation} around each job run.
 */
@NullMarked
package dev.apscheduler.spring.boot.metrics;

import org.jspecify.annotations.NullMarked;
