/**
 * The {@code jpa} job store (alias {@code sqlalchemy}): jobs kept as JSON in the application's database through its
 * JPA setup, shared safely by several scheduler instances.
 */
@NullMarked
package dev.apscheduler.spring.boot.jpa;

import org.jspecify.annotations.NullMarked;
