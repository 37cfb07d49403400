/**
 * The Spring Boot application the process pool benchmark's Spring workers start in worker mode.
 */
@NullMarked
package dev.apscheduler.benchmarks.processpool.app;

import org.jspecify.annotations.NullMarked;
