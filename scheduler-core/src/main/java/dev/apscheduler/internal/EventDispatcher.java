package dev.apscheduler.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the listeners whose mask matches. A listener that throws is logged and skipped: it never
 * breaks the scheduler, nor keeps the other listeners from the event.
 */
final class EventDispatcher {

    private static final Logger logger = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    /** The codes any listener wants: the union of the masks. */
    private volatile int wanted;

    /**
     * Adds a listener.
     * @param listener the listener
     * @param mask the event codes it wants
     */
    public void add(SchedulerListener listener, int mask) {
        synchronized (this.registrations) {
            this.registrations.add(new Registration(listener, mask));
            this.wanted |= mask;
        }
    }

    /**
     * Removes every registration of a listener.
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean remove(SchedulerListener listener) {
        synchronized (this.registrations) {
            boolean removed = this.registrations.removeIf((registration) -> registration.listener() == listener);
            int wanted = 0;
            for (Registration registration : this.registrations) {
                wanted |= registration.mask();
            }
            this.wanted = wanted;
            return removed;
        }
    }

    /**
     * Tells whether a listener wants events of a code.
     * @param code the event code
     * @return whether an event of that code would be delivered to anyone
     */
    public boolean wants(int code) {
        return (this.wanted & code) != 0;
    }

    /**
     * Delivers an event.
     * @param event the event
     */
    public void dispatch(SchedulerEvent event) {
        if ((this.wanted & event.code()) == 0) {
            return;
        }
        for (Registration registration : this.registrations) {
            if ((registration.mask() & event.code()) != 0) {
                notify(registration.listener(), event);
            }
        }
    }

    /**
     * Delivers events in order.
     * @param events the events
     */
    public void dispatchAll(List<? extends SchedulerEvent> events) {
        events.forEach(this::dispatch);
    }

    private static void notify(SchedulerListener listener, SchedulerEvent event) {
        try {
            listener.onEvent(event);
        }
        catch (Throwable ex) {
            if (ex instanceof VirtualMachineError error) {
                throw error;
            }
            logger.error("Error notifying listener {} of event {}", listener, EventCodes.name(event.code()), ex);
        }
    }

    private record Registration(SchedulerListener listener, int mask) {
    }

}
