/**
 * Auto-configuration of the APScheduler scheduler for Spring Boot.
 */
@NullMarked
package dev.apscheduler.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
