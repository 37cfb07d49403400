/**
 * Runs through RabbitMQ to worker JVMs: end-to-end throughput and fire-time-to-start lateness.
 */
@NullMarked
package dev.apscheduler.benchmarks.amqp;

import org.jspecify.annotations.NullMarked;
