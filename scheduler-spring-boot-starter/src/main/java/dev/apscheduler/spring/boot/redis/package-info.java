/**
 * The {@code redis} job store: jobs kept as JSON in a Redis hash, their due times in a sorted set, on the
 * application's Spring Data Redis connection, shared safely by several scheduler instances, which wake each other
 * through pub/sub.
 */
@NullMarked
package dev.apscheduler.spring.boot.redis;

import org.jspecify.annotations.NullMarked;
