/**
 * What a job run takes along from the thread that hands it to its executor: the application's {@code TaskDecorator}s
 * and the logging context (MDC).
 */
@NullMarked
package dev.apscheduler.spring.boot.context;

import org.jspecify.annotations.NullMarked;
