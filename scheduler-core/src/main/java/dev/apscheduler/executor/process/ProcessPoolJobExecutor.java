package dev.apscheduler.executor.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.SchedulerException;
import dev.apscheduler.executor.AbstractJobExecutor;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.Task;
import org.jspecify.annotations.Nullable;

/**
 * Runs jobs in worker processes: APScheduler's {@code processpool}. Each worker is a JVM started from this JVM's
 * Java installation and class path; it runs one job at a time, looking its task up by name (through
 * {@link WorkerTaskProvider}s, or, with a {@linkplain Builder#mainClass main class}, in the application that class
 * starts in worker mode). Arguments go to the worker and results come back as JSON. The task's standard output and
 * error are logged here with the job id and run id.
 *
 * <p>A task that throws fails its run with a {@link WorkerTaskException} carrying the original type, message and
 * stack trace; a worker that dies during a run (crash, {@code System.exit}, killed, out of memory) fails it with a
 * {@link WorkerExitedException} naming the exit code, and is replaced. A run that exceeds its job's {@code timeout}
 * has its worker killed. Workers exit when this JVM goes away, however it ends: their standard input closes, and
 * they also watch this process.
 *
 * <p>Jobs with inline tasks cannot run here: only a task name crosses the process boundary.
 */
public final class ProcessPoolJobExecutor extends AbstractJobExecutor {

    /** This executor's type name. */
    public static final String TYPE = "processpool";

    /** APScheduler's default {@code max_workers}. */
    public static final int DEFAULT_MAX_WORKERS = 10;

    /** How long a worker may take to start and load its tasks, by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** The JVM options every worker gets before the configured ones. */
    public static final List<String> DEFAULT_JVM_ARGS = List.of("-XX:+ExitOnOutOfMemoryError");

    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private static final String LOADER_MAIN = "loader.main";

    private final int maxWorkers;

    private final int maxTasksPerChild;

    private final boolean eager;

    private final @Nullable String heap;

    private final List<String> jvmArgs;

    private final Map<String, String> environment;

    private final @Nullable String mainClass;

    private final Duration startTimeout;

    private volatile @Nullable ThreadPoolExecutor threads;

    private volatile @Nullable WorkerProcesses processes;

    private volatile @Nullable Thread shutdownHook;

    private ProcessPoolJobExecutor(Builder builder) {
        this.maxWorkers = builder.maxWorkers;
        this.maxTasksPerChild = builder.maxTasksPerChild;
        this.eager = builder.eager;
        this.heap = builder.heap;
        this.jvmArgs = List.copyOf(builder.jvmArgs);
        this.environment = Map.copyOf(builder.environment);
        this.mainClass = builder.mainClass;
        this.startTimeout = builder.startTimeout;
    }

    /**
     * Creates an executor with the defaults: {@link #DEFAULT_MAX_WORKERS} workers started eagerly, never recycled,
     * finding their tasks through {@link WorkerTaskProvider}s.
     */
    public ProcessPoolJobExecutor() {
        this(builder());
    }

    /**
     * Starts building an executor.
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void start(ExecutorContext context) {
        super.start(context);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(this.maxWorkers, this.maxWorkers, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), (runnable) -> {
                    Thread thread = new Thread(runnable,
                            "apscheduler-" + context.alias() + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        WorkerProcesses processes = new WorkerProcesses(context.alias(), this.maxWorkers, this.maxTasksPerChild,
                this.eager, this.startTimeout, () -> command(context.alias()));
        Thread hook = new Thread(processes::killAll, "apscheduler-" + context.alias() + "-workers-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        this.shutdownHook = hook;
        this.threads = threads;
        this.processes = processes;
        processes.start();
    }

    ProcessBuilder command(String alias) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(DEFAULT_JVM_ARGS);
        if (this.heap != null) {
            command.add("-Xmx" + this.heap);
        }
        command.add("-D" + ProcessWorker.WORKER_PROPERTY + "=true");
        command.add("-D" + ProcessWorker.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-D" + ProcessWorker.EXECUTOR_PROPERTY + "=" + alias);
        command.addAll(this.jvmArgs);
        String classPath = System.getProperty("java.class.path", ".");
        if (inExecutableJar(classPath)) {
            // a Spring Boot executable jar: its classes are nested, so the worker starts through the jar's launcher
            command.add("-D" + LOADER_MAIN + "=" + ProcessWorker.class.getName());
            command.add("-cp");
            command.add(classPath);
            command.add(PROPERTIES_LAUNCHER);
        }
        else {
            command.add("-cp");
            command.add(classPath);
            command.add(ProcessWorker.class.getName());
        }
        if (this.mainClass != null) {
            command.add(this.mainClass);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(this.environment);
        return builder;
    }

    /**
     * Tells whether this JVM runs from a Spring Boot executable jar: one jar on the class path, and this class loaded
     * from inside it by the jar's own class loader.
     */
    private static boolean inExecutableJar(String classPath) {
        ClassLoader loader = ProcessPoolJobExecutor.class.getClassLoader();
        return classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)
                && loader != ClassLoader.getSystemClassLoader()
                && loader.getClass().getName().startsWith("org.springframework.boot.loader.");
    }

    private static String javaCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                File.separatorChar == '\\' ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command()
            .orElseThrow(() -> new SchedulerException("Cannot find the java command of this JVM (" + java + ")"));
    }

    @Override
    protected Task task(ExecutorContext context, Job job) {
        if (job.task().isInline()) {
            throw new SchedulerException("Job '" + job.id() + "' has an inline task (" + job.task().name()
                    + "), which cannot run on process pool '" + context.alias()
                    + "': register it by name in the workers and refer to that name");
        }
        WorkerProcesses processes = processes();
        return (jobContext) -> {
            WorkerProcess worker = processes.acquire();
            try {
                return worker.run(jobContext);
            }
            finally {
                processes.release(worker);
            }
        };
    }

    @Override
    protected void execute(Runnable work) {
        threads().execute(work);
    }

    @Override
    protected List<Runnable> drainQueued() {
        ThreadPoolExecutor threads = this.threads;
        List<Runnable> drained = new ArrayList<>();
        if (threads != null) {
            threads.getQueue().drainTo(drained);
        }
        return drained;
    }

    /**
     * Stops accepting work and waits for the running tasks at most {@code timeout}; then cancels the runs still
     * queued, kills the workers still running one (their runs fail with the exit code) and makes every worker exit.
     */
    @Override
    public boolean shutdown(Duration timeout) {
        ThreadPoolExecutor threads = this.threads;
        WorkerProcesses processes = this.processes;
        if (threads == null || processes == null) {
            return true;
        }
        threads.shutdown();
        boolean finished;
        try {
            finished = timeout.isZero() ? threads.isTerminated()
                    : threads.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            finished = threads.isTerminated();
        }
        if (!finished) {
            // what has not started is cancelled rather than started on a pool that is going away
            int cancelled = cancelQueued();
            this.logger.warn("Process pool '{}' kills its workers: runs were still going when the shutdown ended{}",
                    context().alias(), (cancelled > 0) ? " (" + cancelled + " queued runs cancelled)" : "");
            processes.killAll();
        }
        processes.close();
        processes.awaitExit(Duration.ofSeconds(10));
        removeShutdownHook();
        return finished;
    }

    private void removeShutdownHook() {
        Thread hook = this.shutdownHook;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (IllegalStateException ex) {
                // the JVM is shutting down: the hook runs anyway
            }
            this.shutdownHook = null;
        }
    }

    /**
     * Returns the process ids of the worker processes alive or starting, for monitoring.
     * @return the process ids
     */
    public List<Long> workerPids() {
        WorkerProcesses processes = this.processes;
        return (processes != null) ? processes.pids() : List.of();
    }

    /** How many workers are started and idle. */
    int idleWorkers() {
        WorkerProcesses processes = this.processes;
        return (processes != null) ? processes.idle() : 0;
    }

    private ThreadPoolExecutor threads() {
        ThreadPoolExecutor threads = this.threads;
        if (threads == null) {
            context();
            throw new IllegalStateException("process pool executor has not been started");
        }
        return threads;
    }

    private WorkerProcesses processes() {
        WorkerProcesses processes = this.processes;
        if (processes == null) {
            throw new IllegalStateException("process pool executor has not been started");
        }
        return processes;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int maxWorkers() {
        return this.maxWorkers;
    }

    @Override
    public String toString() {
        return "ProcessPoolJobExecutor[max_workers=" + this.maxWorkers + ", max_tasks_per_child="
                + this.maxTasksPerChild + ", eager=" + this.eager + ((this.mainClass != null)
                        ? ", main_class=" + this.mainClass : "") + "]";
    }

    /**
     * Builds a {@link ProcessPoolJobExecutor}, rejecting a bad value at once.
     */
    public static final class Builder {

        private static final String CLASS_NAME = "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*";

        private int maxWorkers = DEFAULT_MAX_WORKERS;

        private int maxTasksPerChild;

        private boolean eager = true;

        private @Nullable String heap;

        private final List<String> jvmArgs = new ArrayList<>();

        private final Map<String, String> environment = new LinkedHashMap<>();

        private @Nullable String mainClass;

        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /**
         * Sets how many workers run jobs at once.
         * @param maxWorkers at least one; {@link #DEFAULT_MAX_WORKERS} by default
         * @return this builder
         */
        public Builder maxWorkers(int maxWorkers) {
            if (maxWorkers < 1) {
                throw new IllegalArgumentException("max_workers must be >= 1, was " + maxWorkers);
            }
            this.maxWorkers = maxWorkers;
            return this;
        }

        /**
         * Sets after how many runs a worker is retired and replaced by a fresh one (Python's
         * {@code max_tasks_per_child}), to bound what a leaking task can accumulate.
         * @param maxTasksPerChild at least one, or zero (the default) never to retire workers
         * @return this builder
         */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 0) {
                throw new IllegalArgumentException("max_tasks_per_child must be >= 0, was " + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /**
         * Sets whether all workers start with the executor (the default) or each when a run first needs it.
         * @param eager whether to start workers ahead of need
         * @return this builder
         */
        public Builder eager(boolean eager) {
            this.eager = eager;
            return this;
        }

        /**
         * Sets each worker's maximum heap, as {@code -Xmx} takes it.
         * @param heap for example {@code 256m} or {@code 2g}
         * @return this builder
         */
        public Builder heap(String heap) {
            Objects.requireNonNull(heap, "heap");
            if (!heap.matches("\\d+[kKmMgGtT]?")) {
                throw new IllegalArgumentException("heap must be a size such as 512m or 2g, was '" + heap + "'");
            }
            this.heap = heap;
            return this;
        }

        /**
         * Adds JVM options for the workers, such as {@code -Dkey=value} or {@code --add-opens=...}.
         * @param jvmArgs the options
         * @return this builder
         */
        public Builder jvmArgs(List<String> jvmArgs) {
            for (String arg : jvmArgs) {
                if (arg == null || arg.isBlank()) {
                    throw new IllegalArgumentException("jvm_args must not contain blank options, was " + jvmArgs);
                }
                this.jvmArgs.add(arg.trim());
            }
            return this;
        }

        /**
         * Adds environment variables for the workers, on top of this process's environment.
         * @param environment the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            environment.forEach((name, value) -> {
                if (name == null || name.isBlank() || name.contains("=")) {
                    throw new IllegalArgumentException("environment variable name is invalid: '" + name + "'");
                }
                this.environment.put(name, Objects.requireNonNull(value, () -> "environment." + name));
            });
            return this;
        }

        /**
         * Sets the class whose {@code main} method each worker calls in worker mode, to get its tasks from the
         * application that method starts (which hands them over with {@link ProcessWorker#serve}); without it,
         * workers take their tasks from {@link WorkerTaskProvider}s.
         * @param mainClass the class's binary name, or {@code null} for none
         * @return this builder
         */
        public Builder mainClass(@Nullable String mainClass) {
            if (mainClass != null && !mainClass.matches(CLASS_NAME)) {
                throw new IllegalArgumentException("main_class must be a class name, was '" + mainClass + "'");
            }
            this.mainClass = mainClass;
            return this;
        }

        /**
         * Sets how long a worker may take to start and load its tasks before it is killed.
         * @param startTimeout a positive duration; {@link #DEFAULT_START_TIMEOUT} by default
         * @return this builder
         */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("start_timeout must be positive, was " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Builds the executor.
         * @return the executor, not started
         */
        public ProcessPoolJobExecutor build() {
            return new ProcessPoolJobExecutor(this);
        }

    }

}
