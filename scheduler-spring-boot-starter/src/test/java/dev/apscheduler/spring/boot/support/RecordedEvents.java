package dev.apscheduler.spring.boot.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.spring.boot.SchedulerApplicationEvent;
import org.springframework.context.event.EventListener;

/**
 * Records the scheduler events an application receives as Spring application events, for tests to assert on.
 */
public class RecordedEvents {

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(SchedulerApplicationEvent<?> event) {
        this.events.add(event.getEvent());
    }

    /**
     * Returns the events received so far.
     * @return the events, oldest first
     */
    public List<SchedulerEvent> all() {
        return List.copyOf(this.events);
    }

    /**
     * Returns the execution events (executed, error, missed) of one job.
     * @param jobId the job's id
     * @return the events, oldest first
     */
    public List<JobExecutionEvent> executions(String jobId) {
        return this.events.stream()
            .filter(JobExecutionEvent.class::isInstance)
            .map(JobExecutionEvent.class::cast)
            .filter((event) -> event.jobId().equals(jobId))
            .toList();
    }

    /**
     * Returns the names of the codes received so far.
     * @return the code names, oldest first
     */
    public List<String> codeNames() {
        return this.events.stream().map(SchedulerEvent::codeName).toList();
    }

}
