package dev.apscheduler.spring.boot;

import org.jspecify.annotations.Nullable;

/**
 * Where a declared job or task comes from (an annotated bean method, a configuration property), so that every problem
 * found with it is reported in the terms its author used: the annotation attribute, or the property key.
 */
public interface DeclarationSource {

    /**
     * Describes the place for messages, for example {@code method com.example.Reports.send() of bean 'reports'}.
     * @return the description
     */
    String description();

    /**
     * Creates the exception that reports a problem with one part of the declaration.
     * @param part the part at fault under its annotation attribute name ({@code id}, {@code task},
     * {@code executor}, {@code jobstore}, {@code args}, {@code kwargs}, ...), or {@code null} for the declaration
     * as a whole
     * @param problem what is wrong
     * @param cause the underlying failure, or {@code null}
     * @return the exception to throw, naming the place and the part
     */
    RuntimeException invalid(@Nullable String part, String problem, @Nullable Throwable cause);

    /**
     * Names the part of the declaration that gives a trigger parameter, for {@link #invalid}.
     * @param parameter the parameter's APScheduler name, as
     * {@link dev.apscheduler.trigger.InvalidTriggerException#parameter()} gives it
     * @return the part, by default {@code params.<parameter>}, or {@code null} when no one part gives it
     */
    default @Nullable String triggerParameterPart(String parameter) {
        return "params." + parameter;
    }

}
