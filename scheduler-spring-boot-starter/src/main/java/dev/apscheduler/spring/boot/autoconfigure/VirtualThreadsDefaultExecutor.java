package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Locale;
import java.util.Optional;

import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.executor.VirtualThreadJobExecutor;

import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;

/**
 * The {@code default} executor when the application runs on virtual threads ({@code spring.threads.virtual.enabled}
 * on Java 21 or newer), as Boot's own task executor does: a thread pool default executor runs its jobs on virtual
 * threads instead, still at most {@code max_workers} at once. An executor of another type, or a {@code JobExecutor}
 * bean for the {@code default} alias, is left as it is.
 */
final class VirtualThreadsDefaultExecutor {

    static final String ALIAS = "default";

    private VirtualThreadsDefaultExecutor() {
    }

    static Optional<JobExecutor> of(ApschedulerProperties properties, Environment environment) {
        if (!Threading.VIRTUAL.isActive(environment)) {
            return Optional.empty();
        }
        ExecutorProperties executor = properties.getExecutors().get(ALIAS);
        if (executor != null && !isThreadPool(executor.getType())) {
            return Optional.empty();
        }
        Integer maxWorkers = (executor != null) ? executor.getMaxWorkers() : null;
        return Optional.of(new VirtualThreadJobExecutor(
                (maxWorkers != null) ? maxWorkers : ThreadPoolJobExecutor.DEFAULT_MAX_WORKERS));
    }

    private static boolean isThreadPool(String type) {
        String normalized = type.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return normalized.equals(ThreadPoolJobExecutor.TYPE);
    }

}
