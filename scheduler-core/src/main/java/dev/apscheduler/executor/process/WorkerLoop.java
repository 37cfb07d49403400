package dev.apscheduler.executor.process;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.UnknownTaskException;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.Task;
import dev.apscheduler.job.TaskRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The worker's side of the protocol: reads run requests from standard input, runs them one at a time on the
 * calling thread, and writes results, errors and the tasks' output as frames on the original standard output.
 */
final class WorkerLoop {

    private static final Map<String, Object> END = Map.of(Frames.TYPE, "end");

    private final PrintStream protocol;

    private final InputStream input;

    private final BlockingQueue<Map<String, Object>> requests = new LinkedBlockingQueue<>();

    WorkerLoop(PrintStream protocol, InputStream input) {
        this.protocol = protocol;
        this.input = input;
    }

    void send(Map<String, ?> frame) {
        String line = Frames.write(frame);
        synchronized (this.protocol) {
            this.protocol.print(line);
            this.protocol.print('\n');
            this.protocol.flush();
        }
    }

    private final LineOutput out = new LineOutput("out");

    private final LineOutput err = new LineOutput("err");

    OutputStream output(String stream) {
        return "err".equals(stream) ? this.err : this.out;
    }

    /** Ends this JVM when the scheduler's process ends, even if the input pipe stays open. */
    void exitWithParent(long parentPid) {
        if (parentPid > 0) {
            ProcessHandle.of(parentPid).ifPresentOrElse(
                    (parent) -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(2)),
                    () -> Runtime.getRuntime().halt(2));
        }
    }

    void readInBackground() {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(this.input, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Map<String, Object> frame = Frames.read(line);
                    if (frame != null && Frames.RUN.equals(frame.get(Frames.TYPE))) {
                        this.requests.add(frame);
                    }
                }
            }
            catch (IOException ex) {
                // the pool is gone
            }
            inputClosed();
        }, "apscheduler-worker-input");
        reader.setDaemon(true);
        reader.start();
    }

    private void inputClosed() {
        this.requests.add(END);
        // a run in progress when the pool went away is abandoned: nobody waits for its result
        Thread halt = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }, "apscheduler-worker-exit");
        halt.setDaemon(true);
        halt.start();
        Thread exit = new Thread(() -> System.exit(0), "apscheduler-worker-exit-now");
        exit.setDaemon(true);
        exit.start();
    }

    void failed(Throwable error) {
        send(Map.of(Frames.TYPE, Frames.FAILED, "message", String.valueOf(error)));
        error.printStackTrace();
        System.err.flush();
    }

    void serve(TaskRegistry registry) throws InterruptedException {
        send(Map.of(Frames.TYPE, Frames.READY, "pid", ProcessHandle.current().pid()));
        while (true) {
            Map<String, Object> request = this.requests.take();
            if (request == END) {
                return;
            }
            run(registry, request);
        }
    }

    private void run(TaskRegistry registry, Map<String, Object> request) {
        JobContext context = Frames.context(request);
        MDC.put(JobContext.MDC_JOB_ID, context.jobId());
        MDC.put(JobContext.MDC_RUN_ID, context.runId());
        Map<String, ?> reply;
        try {
            Task task = registry.find(context.taskName())
                .orElseThrow(() -> new UnknownTaskException(context.jobId(), context.taskName(), registry.names()));
            @Nullable Object result = task.run(context);
            reply = Frames.result(context.runId(), result);
            Frames.write(reply);
        }
        catch (Throwable ex) {
            reply = Frames.error(context.runId(), ex);
        }
        finally {
            MDC.remove(JobContext.MDC_JOB_ID);
            MDC.remove(JobContext.MDC_RUN_ID);
        }
        System.out.flush();
        System.err.flush();
        this.out.drain();
        this.err.drain();
        send(reply);
    }

    /**
     * Forwards what is written to it line by line as output frames.
     */
    private final class LineOutput extends OutputStream {

        private final String stream;

        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineOutput(String stream) {
            this.stream = Objects.requireNonNull(stream);
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            }
            else {
                this.line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() {
            // lines are forwarded whole; a PrintStream flushes after every write
        }

        /** Forwards a last line that has no line break, at the end of a run. */
        synchronized void drain() {
            if (this.line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            String text = this.line.toString(StandardCharsets.UTF_8);
            this.line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            send(Frames.output(this.stream, text));
        }

    }

}
