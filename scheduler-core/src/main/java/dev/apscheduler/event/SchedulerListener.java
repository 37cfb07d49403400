package dev.apscheduler.event;

/**
 * Receives scheduler events; registered with a mask of {@link EventCodes}. A listener that throws is logged and
 * never breaks the scheduler. Listeners are called on the thread that produced the event (the scheduler's loop, an
 * executor's worker, or the caller of an API method), so they should be quick.
 */
@FunctionalInterface
public interface SchedulerListener {

    /**
     * Handles one event.
     * @param event the event
     */
    void onEvent(SchedulerEvent event);

}
