/**
 * The {@code apscheduler} health indicator: whether the scheduler runs and its job stores answer.
 */
@NullMarked
package dev.apscheduler.spring.boot.health;

import org.jspecify.annotations.NullMarked;
