package dev.apscheduler.spring.boot;

import java.util.Objects;

import dev.apscheduler.job.JobSpec;

/**
 * A job declared by the application ({@code @ScheduledJob}, {@code apscheduler.jobs.<id>}): a specification with an
 * id, a registered task's name and a trigger given by alias and parameters, added to the scheduler when it starts
 * (or kept, when a persistent store already holds the same definition).
 *
 * @param spec the job's specification
 * @param source where the job was declared
 */
public record DeclaredJob(JobSpec spec, DeclarationSource source) {

    /**
     * Creates the declaration.
     * @param spec the job's specification, with an id, a task name and a trigger alias
     * @param source where the job was declared
     * @throws IllegalArgumentException if the specification lacks an id, names inline code, or has no trigger alias
     */
    public DeclaredJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(source, "source");
        if (spec.id().isEmpty() || spec.taskReference().isInline() || spec.triggerAlias().isEmpty()) {
            throw new IllegalArgumentException("a declared job needs an id, a task name and a trigger alias; "
                    + source.description() + " has " + spec.id() + ", " + spec.taskReference() + ", "
                    + spec.triggerAlias());
        }
    }

    /**
     * Returns the job's id.
     * @return the id
     */
    public String id() {
        return this.spec.id().orElseThrow();
    }

    /**
     * Returns the name of the task the job runs.
     * @return the task name
     */
    public String taskName() {
        return this.spec.taskReference().name();
    }

}
