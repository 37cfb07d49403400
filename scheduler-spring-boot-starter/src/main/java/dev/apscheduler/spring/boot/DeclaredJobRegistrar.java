package dev.apscheduler.spring.boot;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.Objects;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.Task;
import dev.apscheduler.spring.boot.DeclaredJobReconciler.Outcome;
import dev.apscheduler.trigger.TriggerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the application's declared tasks and jobs ({@link JobDeclarations}) into a scheduler. {@link #prepare}
 * registers the tasks and checks every job against the scheduler (its trigger, executor, job store, task and
 * arguments) before anything starts, so that a mistake fails the application's startup naming the declaration;
 * {@link #reconcile} adds the jobs to the started scheduler, keeping stored jobs whose definition is unchanged.
 */
public final class DeclaredJobRegistrar {

    private static final Logger logger = LoggerFactory.getLogger(DeclaredJobRegistrar.class);

    private final JobDeclarations declarations;

    /**
     * Creates the registrar.
     * @param declarations the declared jobs and tasks
     */
    public DeclaredJobRegistrar(JobDeclarations declarations) {
        this.declarations = declarations;
    }

    /**
     * Registers the declared tasks in the scheduler's task registry and checks the declared jobs; declarations made
     * later (by beans created lazily) are registered and checked when they are made, and added at once when the
     * scheduler runs.
     * @param scheduler the scheduler
     * @throws RuntimeException naming the declaration at fault
     */
    public void prepare(Scheduler scheduler) {
        this.declarations.setListener(new JobDeclarations.Listener() {

            @Override
            public void taskDeclared(DeclaredTask task) {
                register(scheduler, task);
            }

            @Override
            public void jobDeclared(DeclaredJob job) {
                check(scheduler, job);
                if (scheduler.isRunning()) {
                    DeclaredJobReconciler.reconcile(scheduler, job);
                }
            }

        });
        this.declarations.tasks().forEach((task) -> register(scheduler, task));
        this.declarations.jobs().forEach((job) -> check(scheduler, job));
    }

    /**
     * Adds the declared jobs to a started scheduler, keeping each stored job whose definition is unchanged and
     * replacing the others.
     * @param scheduler the scheduler, started (paused, preferably, so that nothing runs half-reconciled)
     * @throws RuntimeException naming the declaration at fault
     */
    public void reconcile(Scheduler scheduler) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (DeclaredJob job : this.declarations.jobs()) {
            counts.merge(DeclaredJobReconciler.reconcile(scheduler, job), 1, Integer::sum);
        }
        if (!counts.isEmpty()) {
            logger.info("Declared jobs: {}", counts);
        }
    }

    private static void register(Scheduler scheduler, DeclaredTask declared) {
        Optional<Task> existing = scheduler.taskRegistry().find(declared.name());
        if (existing.isPresent()) {
            if (existing.get() == declared.task()) {
                return;
            }
            throw declared.source().invalid("task", "the scheduler's task registry already has a task named '"
                    + declared.name() + "'", null);
        }
        try {
            scheduler.taskRegistry().register(declared.name(), declared.task());
        }
        catch (IllegalArgumentException ex) {
            throw declared.source().invalid("task", Objects.requireNonNullElse(ex.getMessage(), ex.toString()), ex);
        }
    }

    private static void check(Scheduler scheduler, DeclaredJob job) {
        JobSpec spec = job.spec();
        checkTrigger(scheduler, job);
        requireKnown(job, "executor", spec.executor(), scheduler.executors().keySet());
        requireKnown(job, "jobstore", spec.jobstore(), scheduler.jobStoreAliases());
        Task task = scheduler.taskRegistry().find(job.taskName()).orElseThrow(() -> job.source().invalid("task",
                "no task named '" + job.taskName() + "' is registered (registered: "
                        + String.join(", ", scheduler.taskRegistry().names()) + ")",
                null));
        if (task instanceof MethodTask methodTask) {
            try {
                methodTask.checkArguments(spec.args(), spec.kwargs());
            }
            catch (TaskArgumentException ex) {
                throw job.source()
                    .invalid(ex.getPart(), Objects.requireNonNullElse(ex.getMessage(), ex.toString()), ex);
            }
        }
    }

    /**
     * Builds the job's trigger with the scheduler's registry, which alone knows the kinds registered with it (a
     * {@code TriggerFactory} bean), so that an unknown alias or a bad parameter fails before the scheduler starts.
     */
    private static void checkTrigger(Scheduler scheduler, DeclaredJob job) {
        String alias = job.spec().triggerAlias().orElseThrow();
        TriggerRegistry triggers = scheduler.triggerRegistry();
        if (!triggers.contains(alias)) {
            throw job.source().invalid("trigger", triggers.unknownAliasMessage(alias), null);
        }
        try {
            triggers.create(alias, job.spec().triggerParameters(), scheduler.timezone(), scheduler.clock());
        }
        catch (IllegalArgumentException ex) {
            String part = TriggerDeclarations.parameter(ex).map(job.source()::triggerParameterPart).orElse(null);
            throw job.source().invalid(part, String.valueOf(ex.getMessage()), ex);
        }
    }

    private static void requireKnown(DeclaredJob job, String part, String alias, Set<String> configured) {
        Set<String> known = new TreeSet<>(configured);
        known.add(Job.DEFAULT_ALIAS);
        if (!known.contains(alias)) {
            throw job.source().invalid(part, "no " + ((part.equals("executor")) ? "executor" : "job store")
                    + " is configured under the alias '" + alias + "' (configured: " + String.join(", ", known) + ")",
                    null);
        }
    }

}
