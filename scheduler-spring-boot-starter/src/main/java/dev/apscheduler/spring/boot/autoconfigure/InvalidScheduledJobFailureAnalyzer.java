package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.spring.boot.annotation.InvalidScheduledJobException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by an unusable {@code @ScheduledJob} or {@code @JobTask} declaration.
 */
class InvalidScheduledJobFailureAnalyzer extends AbstractFailureAnalyzer<InvalidScheduledJobException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidScheduledJobException cause) {
        String where = "method " + cause.getMethod() + " of bean '" + cause.getBeanName() + "'";
        String action = (cause.getAttribute() != null)
                ? "Correct attribute '" + cause.getAttribute() + "' of the job declaration on " + where + "."
                : "Correct the job declaration on " + where + ".";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }

}
