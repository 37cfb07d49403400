/**
 * The Spring side of the process pool executor: the application started in worker mode (no web server, no scheduler,
 * no job registration, no management endpoints) hands its bean tasks to the worker, and the {@code processpool}
 * executor's workers start the application's own main class by default.
 */
@NullMarked
package dev.apscheduler.spring.boot.process;

import org.jspecify.annotations.NullMarked;
