package dev.apscheduler.spring.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a bean method as a named task, so that jobs can be added for it at run time by name (from code, from
 * {@code apscheduler.jobs.*} properties, or through a REST API) and so that stored jobs can find it again after a
 * restart.
 *
 * <pre class="code">
 * &#64;JobTask("send-report")
 * public void sendReport(String recipient) { ... }
 *
 * scheduler.addJob(JobSpec.builder("send-report").trigger(...).args(List.of("ops@example.com")).build());
 * </pre>
 * The method may take a {@link dev.apscheduler.job.JobContext} and parameters bound from the job's arguments:
 * positional {@code args} in order, then {@code kwargs} by parameter name (compile with {@code -parameters}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JobTask {

    /** Task name; defaults to {@code beanName.methodName}. */
    String value() default "";

}
