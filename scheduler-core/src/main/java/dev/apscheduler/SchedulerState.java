package dev.apscheduler;

/**
 * The states of a scheduler, as in APScheduler: {@code STATE_STOPPED}, {@code STATE_RUNNING},
 * {@code STATE_PAUSED}.
 */
public enum SchedulerState {

    /** Not started, or shut down: jobs added now are stored when the scheduler starts. */
    STOPPED,

    /** Started and processing jobs. */
    RUNNING,

    /** Started, but not processing jobs until {@code resume()}: jobs are kept, due runs wait. */
    PAUSED

}
