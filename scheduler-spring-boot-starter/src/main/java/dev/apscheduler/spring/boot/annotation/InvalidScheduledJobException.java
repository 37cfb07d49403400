package dev.apscheduler.spring.boot.annotation;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@link ScheduledJob} or {@link JobTask} declaration cannot be used: the message names the
 * bean, the method and the attribute at fault.
 */
public class InvalidScheduledJobException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String beanName;

    private final String method;

    private final @Nullable String attribute;

    /**
     * Creates the exception.
     * @param beanName the name of the bean that declares the job
     * @param method the declaring method, as {@code ClassName.methodName(ParameterTypes)}
     * @param attribute the annotation attribute at fault, or {@code null} when the declaration as a whole is
     * @param problem what is wrong
     * @param cause the underlying failure, or {@code null}
     */
    public InvalidScheduledJobException(String beanName, String method, @Nullable String attribute, String problem,
            @Nullable Throwable cause) {
        super(message(beanName, method, attribute, problem), cause);
        this.beanName = beanName;
        this.method = method;
        this.attribute = attribute;
    }

    private static String message(String beanName, String method, @Nullable String attribute, String problem) {
        return "Invalid job declaration on method " + method + " of bean '" + beanName + "'"
                + ((attribute != null) ? ", attribute '" + attribute + "'" : "") + ": " + problem;
    }

    /**
     * Returns the name of the bean that declares the job.
     * @return the bean name
     */
    public String getBeanName() {
        return this.beanName;
    }

    /**
     * Returns the declaring method, as {@code ClassName.methodName(ParameterTypes)}.
     * @return the method
     */
    public String getMethod() {
        return this.method;
    }

    /**
     * Returns the annotation attribute at fault.
     * @return the attribute, or {@code null} when the declaration as a whole is at fault
     */
    public @Nullable String getAttribute() {
        return this.attribute;
    }

}
