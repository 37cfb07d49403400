package dev.apscheduler.spring.boot;

import java.util.Objects;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes every event of a scheduler as a {@link SchedulerApplicationEvent}. It subscribes once every singleton
 * exists (before the scheduler starts) and unsubscribes when the context closes.
 */
public final class SchedulerEventPublisher implements SchedulerListener, SmartInitializingSingleton, DisposableBean {

    private final Scheduler scheduler;

    private final ApplicationEventPublisher publisher;

    /**
     * Creates the publisher.
     * @param scheduler the scheduler whose events to publish
     * @param publisher where to publish them
     */
    public SchedulerEventPublisher(Scheduler scheduler, ApplicationEventPublisher publisher) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.scheduler.addListener(this);
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        this.publisher.publishEvent(new SchedulerApplicationEvent<>(this.scheduler, event));
    }

    @Override
    public void destroy() {
        this.scheduler.removeListener(this);
    }

}
