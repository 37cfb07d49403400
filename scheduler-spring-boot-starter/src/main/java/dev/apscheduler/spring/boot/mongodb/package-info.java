/**
 * The {@code mongodb} job store: jobs kept as readable documents in a MongoDB collection through the application's
 * MongoDB client, shared safely by several scheduler instances.
 */
@NullMarked
package dev.apscheduler.spring.boot.mongodb;

import org.jspecify.annotations.NullMarked;
