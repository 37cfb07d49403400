package dev.apscheduler.executor.process;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.job.JobContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protocol between the pool and its workers: one JSON object per line, on the worker's standard input (run
 * requests) and standard output (readiness, task output, results and errors). A line that is not a JSON object is
 * output the JVM itself wrote (a crash report, an out-of-memory notice) and is logged as such.
 */
final class Frames {

    static final String TYPE = "type";

    static final String READY = "ready";

    static final String RUN = "run";

    static final String OUTPUT = "output";

    static final String RESULT = "result";

    static final String ERROR = "error";

    static final String FAILED = "failed";

    private static final int MAX_CAUSES = 8;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Frames() {
    }

    static String write(Map<String, ?> frame) {
        return MAPPER.writeValueAsString(frame);
    }

    /** Reads a line; returns null when it is not a frame. */
    @SuppressWarnings("unchecked")
    static @Nullable Map<String, Object> read(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            Map<String, Object> frame = MAPPER.readValue(line, Map.class);
            return (frame.get(TYPE) instanceof String) ? frame : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    static Map<String, Object> run(JobContext context) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put(TYPE, RUN);
        frame.put("jobId", context.jobId());
        frame.put("runId", context.runId());
        frame.put("jobName", context.jobName());
        frame.put("task", context.taskName());
        frame.put("fireTime", context.scheduledFireTime().toString());
        frame.put("args", context.args());
        frame.put("kwargs", context.kwargs());
        frame.put("jobstore", context.jobstore());
        frame.put("executor", context.executor());
        frame.put("attempt", context.attempt());
        return frame;
    }

    @SuppressWarnings("unchecked")
    static JobContext context(Map<String, Object> frame) {
        Object args = frame.get("args");
        Object kwargs = frame.get("kwargs");
        Object attempt = frame.get("attempt");
        return new JobContext(text(frame, "jobId"), text(frame, "runId"), text(frame, "jobName"), text(frame, "task"),
                ZonedDateTime.parse(text(frame, "fireTime")),
                (args instanceof List<?> list) ? (List<@Nullable Object>) list : List.of(),
                (kwargs instanceof Map<?, ?> map) ? (Map<String, @Nullable Object>) map : Map.of(),
                text(frame, "jobstore"), text(frame, "executor"),
                (attempt instanceof Number number) ? number.intValue() : 1);
    }

    static String text(Map<String, Object> frame, String key) {
        Object value = frame.get(key);
        return (value != null) ? value.toString() : "";
    }

    static Map<String, Object> result(String runId, @Nullable Object value) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put(TYPE, RESULT);
        frame.put("runId", runId);
        frame.put("value", value);
        return frame;
    }

    static Map<String, Object> error(String runId, Throwable error) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put(TYPE, ERROR);
        frame.put("runId", runId);
        frame.put("error", throwable(error, 0));
        return frame;
    }

    static Map<String, Object> output(String stream, String text) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put(TYPE, OUTPUT);
        frame.put("stream", stream);
        frame.put("text", text);
        return frame;
    }

    private static Map<String, Object> throwable(Throwable error, int depth) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("class", error.getClass().getName());
        json.put("message", error.getMessage());
        List<Map<String, Object>> frames = new ArrayList<>();
        for (StackTraceElement element : error.getStackTrace()) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("c", element.getClassName());
            frame.put("m", element.getMethodName());
            frame.put("f", element.getFileName());
            frame.put("l", element.getLineNumber());
            frames.add(frame);
        }
        json.put("stack", frames);
        Throwable cause = error.getCause();
        if (cause != null && cause != error && depth < MAX_CAUSES) {
            json.put("cause", throwable(cause, depth + 1));
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    static WorkerTaskException exception(Map<String, Object> json) {
        List<StackTraceElement> stack = new ArrayList<>();
        Object frames = json.get("stack");
        if (frames instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> frame = (Map<String, Object>) item;
                Object file = frame.get("f");
                Object line = frame.get("l");
                stack.add(new StackTraceElement(text(frame, "c"), text(frame, "m"),
                        (file != null) ? file.toString() : null, (line instanceof Number n) ? n.intValue() : -1));
            }
        }
        Object cause = json.get("cause");
        Object message = json.get("message");
        return new WorkerTaskException(text(json, "class"), (message != null) ? message.toString() : null, stack,
                (cause instanceof Map<?, ?> map) ? exception((Map<String, Object>) map) : null);
    }

}
