/**
 * Execution over RabbitMQ, Celery's model: the {@code amqp} (also {@code celery}) executor publishes each run as a
 * persistent message with publisher confirms; workers ({@code apscheduler.worker.enabled=true}) consume runs with
 * late acknowledgement, run the task by its registered name and record its state in the run history, the result
 * backend; {@link dev.apscheduler.spring.boot.amqp.AmqpTasks} submits ad-hoc runs ({@code delay},
 * {@code applyAsync}) and returns a {@link dev.apscheduler.spring.boot.amqp.TaskResult} to follow them.
 */
@NullMarked
package dev.apscheduler.spring.boot.amqp;

import org.jspecify.annotations.NullMarked;
