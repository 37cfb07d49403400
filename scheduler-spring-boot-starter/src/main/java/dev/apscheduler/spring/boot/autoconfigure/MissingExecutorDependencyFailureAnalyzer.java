package dev.apscheduler.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a startup failure caused by an executor type whose libraries are missing ({@code amqp} without Spring
 * AMQP): the description names the property and the type, the action the dependency to add.
 */
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class MissingExecutorDependencyFailureAnalyzer extends AbstractFailureAnalyzer<MissingExecutorDependencyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingExecutorDependencyException cause) {
        return new FailureAnalysis("Invalid scheduler configuration: " + cause.getMessage(),
                "Add " + cause.dependency() + " to your application's dependencies, or choose another type in '"
                        + cause.key() + "'.",
                cause);
    }

}
