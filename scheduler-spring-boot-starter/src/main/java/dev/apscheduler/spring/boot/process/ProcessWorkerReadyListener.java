package dev.apscheduler.spring.boot.process;

import dev.apscheduler.executor.process.ProcessWorker;
import dev.apscheduler.job.TaskRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Hands the application's tasks (its {@link TaskRegistry} bean, with the {@code @JobTask} and {@code @ScheduledJob}
 * bean methods registered) over to the worker once an application started as a process pool worker is ready. Outside
 * a worker it does nothing.
 */
public final class ProcessWorkerReadyListener implements ApplicationListener<ApplicationReadyEvent> {

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!ProcessWorker.isWorker()) {
            return;
        }
        TaskRegistry registry = event.getApplicationContext().getBeanProvider(TaskRegistry.class).getIfUnique();
        if (registry == null) {
            throw new IllegalStateException("This application was started as a process pool worker, but has no single "
                    + "TaskRegistry bean to take its tasks from (is apscheduler.enabled=false?)");
        }
        ProcessWorker.serve(registry);
    }

}
