package dev.apscheduler.spring.boot.process.app;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.Scheduler;
import dev.apscheduler.executor.process.ProcessWorker;
import dev.apscheduler.spring.boot.annotation.JobTask;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A bean task with injected dependencies, which reports where and how it ran.
 */
@Component
public class GreetingTasks {

    private final Greeter greeter;

    private final Scheduler scheduler;

    private final Environment environment;

    public GreetingTasks(Greeter greeter, Scheduler scheduler, Environment environment) {
        this.greeter = greeter;
        this.scheduler = scheduler;
        this.environment = environment;
    }

    @JobTask("greet")
    public Map<String, Object> greet(String name) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("greeting", this.greeter.greet(name));
        report.put("pid", ProcessHandle.current().pid());
        report.put("worker", ProcessWorker.isWorker());
        report.put("schedulerRunning", this.scheduler.isRunning());
        report.put("webApplicationType", this.environment.getProperty("spring.main.web-application-type"));
        report.put("environment", String.valueOf(System.getenv("GREETING_ENV")));
        return report;
    }

}
