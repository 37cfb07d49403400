package dev.apscheduler.history;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what a run record keeps of a result and an exception, within the record's caps.
 */
final class RunResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What is kept of no result (most runs return none): one object for all of them. */
    private static final Written NONE = new Written(null, null);

    private RunResults() {
    }

    static Written write(@Nullable Object value) {
        if (value == null) {
            return NONE;
        }
        String json;
        try {
            json = JSON.writeValueAsString(value);
        }
        catch (RuntimeException | StackOverflowError ex) {
            String reason = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.toString();
            return new Written(null, "result of type " + value.getClass().getName() + " could not be written as JSON: "
                    + reason);
        }
        if (json.length() > RunRecord.MAX_RESULT_LENGTH) {
            return new Written(null, "result of type " + value.getClass().getName() + " (" + json.length()
                    + " characters of JSON) exceeds " + RunRecord.MAX_RESULT_LENGTH + " and is not kept");
        }
        return new Written(json, null);
    }

    /**
     * Prints a stack trace, stopping once the cap is reached so that a deep one is not printed whole first.
     */
    static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(new CappedWriter(text, RunRecord.MAX_STACK_TRACE_LENGTH + 1))) {
            error.printStackTrace(out);
        }
        catch (CappedWriter.Full ex) {
            // the cap is reached; the record's constructor marks the cut
        }
        return text.toString();
    }

    record Written(@Nullable String json, @Nullable String note) {
    }

    private static final class CappedWriter extends Writer {

        private final StringWriter target;

        private final int cap;

        CappedWriter(StringWriter target, int cap) {
            this.target = target;
            this.cap = cap;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            int room = this.cap - this.target.getBuffer().length();
            this.target.write(buffer, offset, Math.min(room, length));
            if (length >= room) {
                throw new Full();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        static final class Full extends RuntimeException {

            private static final long serialVersionUID = 1L;

            Full() {
                super(null, null, false, false);
            }

        }

    }

}
