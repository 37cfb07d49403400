package dev.apscheduler.spring.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.Task;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A task that calls a bean method. The method is found on the bean's target class (where its annotations are) and
 * called through the bean as the context holds it, so that a proxy's advice ({@code @Transactional}, aspects) applies.
 * The job's arguments are bound to the method's parameters: positional {@code args} in order, then {@code kwargs} by
 * parameter name, and a {@link JobContext} parameter receives the run's context. The method's return value becomes the
 * {@code JOB_EXECUTED} event's return value; what it throws becomes the {@code JOB_ERROR} event's exception.
 */
public final class MethodTask implements Task {

    private final Object bean;

    private final Method method;

    private final Method invocable;

    private final MethodArguments arguments;

    /**
     * Creates the task.
     * @param bean the bean, possibly a proxy
     * @param method the method, as declared on the bean's target class
     * @throws IllegalStateException if the method cannot be called through the proxy (a private method of a
     * class-based proxy, or a method missing from an interface-based proxy's interfaces)
     */
    public MethodTask(Object bean, Method method) {
        this.bean = Objects.requireNonNull(bean, "bean");
        this.method = Objects.requireNonNull(method, "method");
        this.invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(this.invocable);
        this.arguments = new MethodArguments(method);
    }

    /**
     * Returns the method the task calls, as declared on the bean's target class.
     * @return the method
     */
    public Method getMethod() {
        return this.method;
    }

    /**
     * Tells whether the method needs no job arguments: it takes nothing, or only a {@link JobContext}.
     * @return whether the method takes no parameter other than the job context
     */
    public boolean takesContextOnly() {
        return this.arguments.takesContextOnly();
    }

    /**
     * Checks that a job's arguments fit the method's parameters, as a call would.
     * @param args the positional arguments
     * @param kwargs the keyword arguments
     * @throws TaskArgumentException if they do not fit, naming the parameter
     */
    public void checkArguments(List<?> args, Map<String, ?> kwargs) {
        this.arguments.resolve(args, kwargs, null);
    }

    @Override
    public @Nullable Object run(JobContext context) throws Exception {
        @Nullable Object[] values = this.arguments.resolve(context.args(), context.kwargs(), context);
        try {
            return this.invocable.invoke(this.bean, values);
        }
        catch (InvocationTargetException ex) {
            Throwable target = ex.getTargetException();
            if (target instanceof Exception exception) {
                throw exception;
            }
            if (target instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    @Override
    public String toString() {
        return describe(this.method);
    }

    /**
     * Describes a method for messages: {@code ClassName.methodName(ParameterTypes)}.
     * @param method the method
     * @return the description
     */
    public static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes())
                    .map(Class::getSimpleName)
                    .collect(Collectors.joining(", ", "(", ")"));
    }

}
