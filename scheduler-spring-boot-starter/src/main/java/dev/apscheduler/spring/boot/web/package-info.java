/**
 * Reading the HTTP requests that add and change jobs: the request bodies ({@link JobRequest},
 * {@link JobChangesRequest}) under APScheduler's option names and {@link JobRequests}, which checks every field
 * before anything changes and names the bad one ({@link InvalidRequestException}), so that every HTTP front end of
 * the scheduler (the dashboard, an application's REST API) applies the same rules with the same messages.
 */
@NullMarked
package dev.apscheduler.spring.boot.web;

import org.jspecify.annotations.NullMarked;
