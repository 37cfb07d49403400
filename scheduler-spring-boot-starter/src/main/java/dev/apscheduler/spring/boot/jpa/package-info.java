/**
 * The {@code jpa} job store (alias {@code sqlalchemy}): jobs kept as JSON in the application's database through its
 * JPA setup, shared safely by several scheduler instances; and the {@code jpa} history store: run records kept in the
 * same database. {@link dev.apscheduler.spring.boot.jpa.ApschedulerDataSource} and
 * {@link dev.apscheduler.spring.boot.jpa.ApschedulerTransactionManager} give both a database of the scheduler's own.
 */
@NullMarked
package dev.apscheduler.spring.boot.jpa;

import org.jspecify.annotations.NullMarked;
