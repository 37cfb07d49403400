package dev.apscheduler.executor.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.apscheduler.SchedulerException;
import dev.apscheduler.job.JobContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The pool's side of one worker process: starts it, sends it runs, reads its replies and its output (logged with
 * the job id and run id of the run that wrote it), and tells how it ended when it ends.
 */
final class WorkerProcess {

    /** Where the workers' output is logged. */
    static final Logger OUTPUT = LoggerFactory.getLogger(ProcessPoolJobExecutor.class.getName() + ".output");

    private static final Logger logger = LoggerFactory.getLogger(ProcessPoolJobExecutor.class);

    private static final Map<String, Object> EXITED = Map.of(Frames.TYPE, "exited");

    private final Process process;

    private final String name;

    private final Writer input;

    private final BlockingQueue<Map<String, Object>> replies = new LinkedBlockingQueue<>();

    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private volatile @Nullable JobContext current;

    private volatile String lastOutput = "";

    private int runs;

    private WorkerProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static WorkerProcess start(ProcessBuilder builder, String alias) {
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            throw new SchedulerException("Process pool '" + alias + "' could not start a worker with "
                    + builder.command() + ": " + ex.getMessage(), ex);
        }
        WorkerProcess worker = new WorkerProcess(process, alias + " worker " + process.pid());
        worker.readInBackground(process.getInputStream(), "stdout", worker::frame);
        worker.readInBackground(process.getErrorStream(), "stderr", (line) -> worker.output("err", line));
        return worker;
    }

    long pid() {
        return this.process.pid();
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    int runs() {
        return this.runs;
    }

    /**
     * Waits until the worker has loaded its tasks and accepts runs.
     * @throws SchedulerException if it ends or does not get ready in time
     */
    void awaitReady(Duration timeout) throws InterruptedException {
        try {
            this.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            kill();
            throw new SchedulerException(this.name + " was not ready after " + timeout + ": killed it");
        }
        catch (ExecutionException ex) {
            throw (RuntimeException) ex.getCause();
        }
    }

    /**
     * Runs a task in the worker and returns its result.
     * @throws WorkerTaskException if the task threw
     * @throws WorkerExitedException if the worker ended during the run
     * @throws InterruptedException if interrupted (a timeout): the worker is killed
     */
    @Nullable Object run(JobContext context) throws InterruptedException {
        this.runs++;
        this.current = context;
        try {
            send(Frames.write(Frames.run(context)));
            Map<String, Object> reply = this.replies.take();
            if (reply == EXITED) {
                throw exited(context);
            }
            if (Frames.ERROR.equals(reply.get(Frames.TYPE))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> error = (Map<String, Object>) reply.get("error");
                throw Frames.exception((error != null) ? error : Map.of("class", "unknown"));
            }
            return reply.get("value");
        }
        catch (InterruptedException ex) {
            logger.warn("Killing {}: job '{}' run {} was interrupted (timed out or shut down)", this.name,
                    context.jobId(), context.runId());
            kill();
            throw ex;
        }
        finally {
            this.current = null;
        }
    }

    private void send(String line) {
        try {
            synchronized (this.input) {
                this.input.write(line);
                this.input.write('\n');
                this.input.flush();
            }
        }
        catch (IOException ex) {
            // the worker is gone: its end is reported through the replies
            this.replies.offer(EXITED);
        }
    }

    private WorkerExitedException exited(JobContext context) throws InterruptedException {
        if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
            this.process.waitFor();
        }
        int code = this.process.exitValue();
        return new WorkerExitedException(this.name + " exited with code " + code + describe(code)
                + " while it ran job '" + context.jobId() + "' (run " + context.runId() + ", task '"
                + context.taskName() + "')"
                + (this.lastOutput.isEmpty() ? "" : "; its last output: " + this.lastOutput), pid(), code);
    }

    private static String describe(int code) {
        return switch (code) {
            case 3 -> " (out of memory)";
            case 134 -> " (aborted: SIGABRT, a JVM crash)";
            case 137 -> " (killed: SIGKILL)";
            case 139 -> " (crashed: SIGSEGV)";
            case 143 -> " (terminated: SIGTERM)";
            default -> (code > 128 && code < 160) ? " (killed by signal " + (code - 128) + ")" : "";
        };
    }

    /** Closes the worker's input: an idle worker then exits; a busy one exits once its run ends. */
    void close() {
        try {
            this.process.getOutputStream().close();
        }
        catch (IOException ex) {
            // already gone
        }
    }

    void kill() {
        this.process.destroyForcibly();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void frame(String line) {
        Map<String, Object> frame = Frames.read(line);
        if (frame == null) {
            output("out", line);
            return;
        }
        switch (Frames.text(frame, Frames.TYPE)) {
            case Frames.READY -> this.ready.complete(null);
            case Frames.FAILED -> this.ready.completeExceptionally(new SchedulerException(this.name
                    + " could not load its tasks: " + Frames.text(frame, "message")));
            case Frames.OUTPUT -> output(Frames.text(frame, "stream"), Frames.text(frame, "text"));
            default -> this.replies.offer(frame);
        }
    }

    private void output(String stream, String text) {
        if (text.isBlank()) {
            return;
        }
        this.lastOutput = (text.length() > 500) ? text.substring(0, 500) + "..." : text;
        JobContext context = this.current;
        if (context == null) {
            log(stream, "[{}] {}", this.name, text);
            return;
        }
        MDC.put(JobContext.MDC_JOB_ID, context.jobId());
        MDC.put(JobContext.MDC_RUN_ID, context.runId());
        try {
            log(stream, "[{}] job '{}' run {}: {}", this.name, context.jobId(), context.runId(), text);
        }
        finally {
            MDC.remove(JobContext.MDC_JOB_ID);
            MDC.remove(JobContext.MDC_RUN_ID);
        }
    }

    private static void log(String stream, String format, Object... arguments) {
        if ("err".equals(stream)) {
            OUTPUT.warn(format, arguments);
        }
        else {
            OUTPUT.info(format, arguments);
        }
    }

    private void readInBackground(InputStream stream, String what, java.util.function.Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            }
            catch (IOException ex) {
                // the worker is gone
            }
            finally {
                if ("stdout".equals(what)) {
                    this.ready.completeExceptionally(new SchedulerException(this.name + " exited before it was ready"
                            + (this.lastOutput.isEmpty() ? "" : "; its last output: " + this.lastOutput)));
                    this.replies.offer(EXITED);
                }
            }
        }, "apscheduler-" + this.name.replace(' ', '-') + "-" + what);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String toString() {
        return this.name;
    }

}
