/**
 * The engine's machinery: job processing, run-time computation, waking and sleeping, store guarding. Not an API:
 * nothing here is meant to be named by users.
 */
@NullMarked
package dev.apscheduler.internal;

import org.jspecify.annotations.NullMarked;
