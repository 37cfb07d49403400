/**
 * The sample application's REST API for jobs and tasks.
 */
@NullMarked
package com.example.sample.api;

import org.jspecify.annotations.NullMarked;
