package dev.apscheduler.support;

import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerListener;

/**
 * Records the events it hears, in order; thread-safe.
 */
public final class RecordingListener implements SchedulerListener {

    private final List<SchedulerEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(SchedulerEvent event) {
        this.events.add(event);
    }

    public synchronized List<SchedulerEvent> events() {
        return List.copyOf(this.events);
    }

    public synchronized List<String> codeNames() {
        return this.events.stream().map((event) -> EventCodes.name(event.code())).toList();
    }

    public synchronized <E extends SchedulerEvent> List<E> events(Class<E> type, int code) {
        return this.events.stream().filter(type::isInstance).map(type::cast).filter((e) -> e.code() == code).toList();
    }

    public synchronized void clear() {
        this.events.clear();
    }

}
