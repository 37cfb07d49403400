/**
 * Ahead-of-time processing and native images: the runtime hints the starter contributes.
 */
@NullMarked
package dev.apscheduler.spring.boot.aot;

import org.jspecify.annotations.NullMarked;
