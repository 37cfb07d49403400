/**
 * The web dashboard: pages served from the starter's jar (plain ES modules, no build step) and the JSON endpoints
 * behind them, to see the scheduler, its stores, executors, jobs and runs, and to act on jobs. Read-only unless
 * writes are allowed: by a role with Spring Security, by a property without it.
 */
@NullMarked
package dev.apscheduler.spring.boot.dashboard;

import org.jspecify.annotations.NullMarked;
