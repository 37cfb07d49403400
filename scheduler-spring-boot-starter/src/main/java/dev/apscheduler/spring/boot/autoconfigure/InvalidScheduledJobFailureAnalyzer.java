package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.spring.boot.annotation.InvalidScheduledJobException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a startup failure caused by an unusable {@code @ScheduledJob} or {@code @JobTask} declaration. It comes
 * before the other analyzers: the declaration names where to correct, even when its cause is a configuration error
 * another analyzer would explain.
 */
@Order(Ordered.LOWEST_PRECEDENCE - 1)
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
