/**
 * Annotations that declare jobs and tasks on Spring bean methods.
 */
@NullMarked
package dev.apscheduler.spring.boot.annotation;

import org.jspecify.annotations.NullMarked;
