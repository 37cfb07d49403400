/**
 * The sample application's REST API for jobs, tasks and the runs of the run history.
 */
@NullMarked
package com.example.sample.api;

import org.jspecify.annotations.NullMarked;
