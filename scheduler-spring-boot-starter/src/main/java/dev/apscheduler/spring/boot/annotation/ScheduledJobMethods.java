package dev.apscheduler.spring.boot.annotation;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds the methods of a class that declare jobs ({@link ScheduledJob}, directly, repeated or as a meta-annotation)
 * or tasks ({@link JobTask}), on the class itself, its superclasses and its interfaces.
 */
final class ScheduledJobMethods {

    private ScheduledJobMethods() {
    }

    /**
     * The annotations of one method.
     *
     * @param jobs the merged {@code @ScheduledJob} annotations, possibly none
     * @param task the merged {@code @JobTask} annotation, or {@code null}
     */
    record Annotations(Set<ScheduledJob> jobs, @Nullable JobTask task) {
    }

    static Map<Method, Annotations> find(Class<?> type) {
        if (!AnnotationUtils.isCandidateClass(type, List.of(ScheduledJob.class, ScheduledJobs.class, JobTask.class))) {
            return Map.of();
        }
        return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<Annotations>) (method) -> {
            Set<ScheduledJob> jobs = AnnotatedElementUtils.getMergedRepeatableAnnotations(method, ScheduledJob.class,
                    ScheduledJobs.class);
            JobTask task = AnnotatedElementUtils.findMergedAnnotation(method, JobTask.class);
            return (jobs.isEmpty() && task == null) ? null : new Annotations(jobs, task);
        });
    }

}
