/**
 * The engine's machinery: job processing, run-time computation, waking and sleeping, store guarding. Not an API:
 * every type is package-private except {@link dev.apscheduler.internal.Engine}, the one entry point that the
 * scheduler classes of {@code dev.apscheduler} delegate to; an architecture test keeps everything else (and the
 * starter) from using it.
 */
@NullMarked
package dev.apscheduler.internal;

import org.jspecify.annotations.NullMarked;
