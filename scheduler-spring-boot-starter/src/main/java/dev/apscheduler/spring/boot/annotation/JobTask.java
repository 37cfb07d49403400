package dev.apscheduler.spring.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Registers a bean method as a named task, so that jobs can be added for it at run time by name (from code, from
 * {@code apscheduler.jobs.*} properties, or through a REST API) and so that stored jobs find it again after a
 * restart.
 *
 * <pre class="code">
 * &#64;JobTask("send-report")
 * public void sendReport(String recipient, JobContext context) { ... }
 *
 * scheduler.addJob(JobSpec.task("send-report").id("weekly-report")
 *     .trigger("cron", Map.of("day_of_week", "mon", "hour", "8"))
 *     .args(List.of("ops@example.com")));
 * </pre>
 * The method may take a {@link dev.apscheduler.job.JobContext} and parameters bound from the job's arguments:
 * positional {@code args} in order, then {@code kwargs} by parameter name (compile with {@code -parameters}, as Spring
 * Boot's build plugins do). Values are converted to the parameter types (text to numbers, durations or enums; maps to
 * records or beans); arguments that do not fit fail the run with a {@code JOB_ERROR} event, or the startup for jobs
 * declared in {@code apscheduler.jobs.*}. The return value is reported in the {@code JOB_EXECUTED} event.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ScheduledJobReflectiveProcessor.class)
public @interface JobTask {

    /** Task name; defaults to {@code beanName.methodName}. {@code ${...}} placeholders are resolved. */
    String value() default "";

}
