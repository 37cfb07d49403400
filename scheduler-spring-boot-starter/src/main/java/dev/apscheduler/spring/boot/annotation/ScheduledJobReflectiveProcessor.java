package dev.apscheduler.spring.boot.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import dev.apscheduler.job.JobContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * Registers what a native image needs to run a {@link ScheduledJob} or {@link JobTask} method: the method itself, for
 * reflective invocation (and the parameter names that bind {@code kwargs}), and its parameter and return types for
 * JSON binding, since job arguments are converted to the parameter types with Jackson and return values are written
 * to the run history as JSON. Spring's ahead-of-time processing applies it to every bean whose class has such methods.
 */
final class ScheduledJobReflectiveProcessor extends SimpleReflectiveProcessor {

    private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

    @Override
    protected void registerMethodHint(ReflectionHints hints, Method method) {
        super.registerMethodHint(hints, method);
        Class<?>[] parameterTypes = method.getParameterTypes();
        Type[] genericParameterTypes = method.getGenericParameterTypes();
        for (int i = 0; i < parameterTypes.length; i++) {
            if (parameterTypes[i] != JobContext.class) {
                this.bindingRegistrar.registerReflectionHints(hints, genericParameterTypes[i]);
            }
        }
        if (method.getReturnType() != void.class) {
            this.bindingRegistrar.registerReflectionHints(hints, method.getGenericReturnType());
        }
    }

}
