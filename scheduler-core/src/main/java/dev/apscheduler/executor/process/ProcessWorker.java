package dev.apscheduler.executor.process;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.job.TaskRegistry;

/**
 * The entry point of a worker process of a {@link ProcessPoolJobExecutor}; the pool starts it, users do not. Its
 * standard input and output carry the protocol; whatever the tasks print to {@code System.out} and
 * {@code System.err} is forwarded to the pool, which logs it. The worker exits when its input closes (the pool
 * shut down, or the scheduler's JVM ended however it ended) or when the scheduler's process is no longer alive.
 *
 * <p>Without arguments, the worker registers the tasks of every {@link WorkerTaskProvider} found with
 * {@link java.util.ServiceLoader}. With a class name as its argument, it calls that class's {@code main} method with
 * the system property {@value #WORKER_PROPERTY} set, and waits for the application it starts to hand its tasks over
 * with {@link #serve(TaskRegistry)} (the Spring Boot starter does so by itself).
 */
public final class ProcessWorker {

    /** The system property set to {@code true} in worker processes. */
    public static final String WORKER_PROPERTY = "apscheduler.process-worker";

    /** The system property that holds the scheduler's process id in a worker. */
    public static final String PARENT_PID_PROPERTY = "apscheduler.process-worker.parent-pid";

    /** The system property that holds the alias of the executor a worker belongs to. */
    public static final String EXECUTOR_PROPERTY = "apscheduler.process-worker.executor";

    private static final CompletableFuture<TaskRegistry> HANDED_OVER = new CompletableFuture<>();

    private ProcessWorker() {
    }

    /**
     * Tells whether this JVM is a worker process: an application started in worker mode should not start its
     * scheduler, web server or anything else that is not needed to run tasks.
     * @return whether this JVM is a worker
     */
    public static boolean isWorker() {
        return Boolean.getBoolean(WORKER_PROPERTY);
    }

    /**
     * Hands the application's tasks over to the worker, once the application started in worker mode is ready; the
     * worker then accepts runs. Does nothing outside a worker process.
     * @param registry the tasks
     */
    public static void serve(TaskRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (isWorker()) {
            HANDED_OVER.complete(registry);
        }
    }

    /**
     * Runs the worker.
     * @param args nothing, or the name of the application class whose {@code main} method provides the tasks
     * @throws Exception never in practice: the worker ends the JVM itself
     */
    public static void main(String[] args) throws Exception {
        System.setProperty(WORKER_PROPERTY, "true");
        PrintStream protocol = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)),
                false, "UTF-8");
        WorkerLoop loop = new WorkerLoop(protocol, new FileInputStream(FileDescriptor.in));
        System.setOut(new PrintStream(loop.output("out"), true, "UTF-8"));
        System.setErr(new PrintStream(loop.output("err"), true, "UTF-8"));
        loop.exitWithParent(Long.getLong(PARENT_PID_PROPERTY, -1L));
        loop.readInBackground();
        TaskRegistry registry;
        try {
            registry = (args.length == 0) ? providedTasks() : applicationTasks(args[0]);
        }
        catch (Throwable ex) {
            loop.failed(ex);
            Runtime.getRuntime().halt(1);
            return;
        }
        loop.serve(registry);
    }

    private static TaskRegistry providedTasks() {
        TaskRegistry registry = new TaskRegistry();
        for (WorkerTaskProvider provider : ServiceLoader.load(WorkerTaskProvider.class)) {
            provider.registerTasks(registry);
        }
        return registry;
    }

    private static TaskRegistry applicationTasks(String mainClass) throws Exception {
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        Thread application = new Thread(() -> {
            try {
                main.invoke(null, (Object) new String[0]);
            }
            catch (InvocationTargetException ex) {
                HANDED_OVER.completeExceptionally(ex.getCause());
            }
            catch (ReflectiveOperationException | RuntimeException ex) {
                HANDED_OVER.completeExceptionally(ex);
            }
        }, "main");
        application.start();
        long timeout = Long.getLong(WORKER_PROPERTY + ".start-timeout-ms", TimeUnit.HOURS.toMillis(1));
        try {
            return HANDED_OVER.get(timeout, TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.ExecutionException ex) {
            throw new IllegalStateException(mainClass + ".main failed in worker mode: " + ex.getCause(),
                    ex.getCause());
        }
    }

}
