package dev.apscheduler.executor;

import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.Task;
import org.jspecify.annotations.Nullable;

/**
 * Interceptors applied one inside the other, the first outermost; capturing captures each of them.
 */
final class InterceptorChain implements JobRunInterceptor {

    private final List<JobRunInterceptor> interceptors;

    InterceptorChain(List<JobRunInterceptor> interceptors) {
        this.interceptors = interceptors;
    }

    @Override
    public @Nullable Object intercept(JobContext context, Task task) throws Exception {
        return intercept(0, context, task);
    }

    private @Nullable Object intercept(int index, JobContext context, Task task) throws Exception {
        if (index == this.interceptors.size()) {
            return task.run(context);
        }
        return this.interceptors.get(index).intercept(context, (inner) -> intercept(index + 1, inner, task));
    }

    @Override
    public JobRunInterceptor capture() {
        List<JobRunInterceptor> captured = new ArrayList<>(this.interceptors.size());
        for (JobRunInterceptor interceptor : this.interceptors) {
            captured.add(interceptor.capture());
        }
        return new InterceptorChain(captured);
    }

}
