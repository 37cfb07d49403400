/**
 * The process pool executor: runs tasks in separate worker JVMs started from the application's own Java
 * installation and class path, for CPU-bound work and for isolation from tasks that crash, leak memory, call
 * {@code System.exit} or hang. Arguments and results cross the process boundary as JSON.
 */
@NullMarked
package dev.apscheduler.executor.process;

import org.jspecify.annotations.NullMarked;
