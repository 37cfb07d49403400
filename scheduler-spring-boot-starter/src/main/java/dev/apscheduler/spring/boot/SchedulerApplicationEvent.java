package dev.apscheduler.spring.boot;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.SchedulerEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * A scheduler event published as a Spring application event, so that {@code @EventListener} methods receive the
 * scheduler's events. The type parameter is the core event's type, so a listener may subscribe to one kind:
 *
 * <pre class="code">
 * &#64;EventListener
 * void onRun(SchedulerApplicationEvent&lt;JobExecutionEvent&gt; event) {
 *     log.info("{} returned {}", event.getEvent().jobId(), event.getEvent().returnValue());
 * }
 * </pre>
 * Listeners are called on the thread that produced the event (the scheduler's, or an executor's), so they should be
 * quick or hand the work on.
 *
 * @param <E> the type of the core event
 */
public class SchedulerApplicationEvent<E extends SchedulerEvent> extends ApplicationEvent
        implements ResolvableTypeProvider {

    private static final long serialVersionUID = 1L;

    private final transient E event;

    /**
     * Creates the event.
     * @param scheduler the scheduler that produced the event
     * @param event the core event
     */
    public SchedulerApplicationEvent(Scheduler scheduler, E event) {
        super(scheduler);
        this.event = event;
    }

    /**
     * Returns the core event.
     * @return the event
     */
    public E getEvent() {
        return this.event;
    }

    /**
     * Returns the scheduler that produced the event.
     * @return the scheduler
     */
    public Scheduler getScheduler() {
        return (Scheduler) getSource();
    }

    /**
     * Returns the name of the event's code, for example {@code JOB_EXECUTED}.
     * @return the code's name
     */
    public String getCodeName() {
        return this.event.codeName();
    }

    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(getClass(), ResolvableType.forInstance(this.event));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + this.event + "]";
    }

}
