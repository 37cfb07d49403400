package dev.apscheduler.spring.boot.annotation;

import java.lang.reflect.Method;

import dev.apscheduler.spring.boot.DeclarationSource;
import dev.apscheduler.spring.boot.MethodTask;
import org.jspecify.annotations.Nullable;

/**
 * An annotated bean method as the source of declared jobs and tasks: problems are reported as
 * {@link InvalidScheduledJobException}s naming the bean, the method and the annotation attribute.
 */
final class MethodDeclarationSource implements DeclarationSource {

    private final String beanName;

    private final Method method;

    private final @Nullable String taskAttribute;

    /**
     * Creates the source.
     * @param beanName the bean's name
     * @param method the annotated method
     * @param taskAttribute the attribute that names the task ({@code @JobTask}'s {@code value}), or {@code null}
     * when the task name is derived from the bean and method names
     */
    MethodDeclarationSource(String beanName, Method method, @Nullable String taskAttribute) {
        this.beanName = beanName;
        this.method = method;
        this.taskAttribute = taskAttribute;
    }

    @Override
    public String description() {
        return "method " + MethodTask.describe(this.method) + " of bean '" + this.beanName + "'";
    }

    @Override
    public @Nullable String triggerParameterPart(String parameter) {
        return ScheduledJobAttributes.attributeFor(parameter).orElse(null);
    }

    @Override
    public InvalidScheduledJobException invalid(@Nullable String part, String problem, @Nullable Throwable cause) {
        String attribute = "task".equals(part) ? this.taskAttribute : part;
        return new InvalidScheduledJobException(this.beanName, MethodTask.describe(this.method), attribute, problem,
                cause);
    }

}
