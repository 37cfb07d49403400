/**
 * Spring Boot integration of the APScheduler engine.
 */
@NullMarked
package dev.apscheduler.spring.boot;

import org.jspecify.annotations.NullMarked;
