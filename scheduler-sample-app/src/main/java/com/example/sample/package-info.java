/**
 * The sample application: a Spring Boot service whose jobs are scheduled by APScheduler for Spring Boot.
 */
@NullMarked
package com.example.sample;

import org.jspecify.annotations.NullMarked;
