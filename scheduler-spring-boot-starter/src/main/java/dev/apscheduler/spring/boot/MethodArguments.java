package dev.apscheduler.spring.boot;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.apscheduler.job.JobContext;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a job's arguments to a method's parameters the way Python binds a call: positional {@code args} fill the
 * parameters in order, then {@code kwargs} fill the rest by parameter name; a {@link JobContext} parameter receives
 * the run's context. Values are JSON values, converted to the parameter types with Spring's conversion service (text
 * to numbers, durations, enums, ...) or, for structured types, with Jackson.
 */
final class MethodArguments {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Method method;

    private final @Nullable String[] names;

    MethodArguments(Method method) {
        this.method = method;
        String[] discovered = NAMES.getParameterNames(method);
        this.names = (discovered != null) ? discovered : new String[method.getParameterCount()];
    }

    /**
     * Tells whether every parameter is a {@link JobContext}: such a method needs no arguments.
     */
    boolean takesContextOnly() {
        for (Class<?> type : this.method.getParameterTypes()) {
            if (type != JobContext.class) {
                return false;
            }
        }
        return true;
    }

    /**
     * Resolves the values to call the method with.
     * @param args the positional arguments
     * @param kwargs the keyword arguments
     * @param context the run's context, or {@code null} when only checking
     * @return the values, one per parameter
     * @throws TaskArgumentException if the arguments do not fit the parameters
     */
    @Nullable Object[] resolve(List<?> args, Map<String, ?> kwargs, @Nullable JobContext context) {
        @Nullable Object[] values = new Object[this.method.getParameterCount()];
        Set<String> used = new LinkedHashSet<>();
        int next = 0;
        for (int i = 0; i < values.length; i++) {
            MethodParameter parameter = new MethodParameter(this.method, i);
            String name = this.names[i];
            if (parameter.getParameterType() == JobContext.class) {
                values[i] = context;
            }
            else if (next < args.size()) {
                if (name != null && kwargs.containsKey(name)) {
                    throw new TaskArgumentException("kwargs", "parameter '" + name + "' of " + describe()
                            + " is given twice: as args[" + next + "] and as kwargs['" + name + "']", null);
                }
                values[i] = convert(args.get(next), parameter, "args", "args[" + next + "]");
                next++;
            }
            else if (name != null && kwargs.containsKey(name)) {
                values[i] = convert(kwargs.get(name), parameter, "kwargs", "kwargs['" + name + "']");
                used.add(name);
            }
            else if (parameter.getParameterType() == Optional.class) {
                values[i] = Optional.empty();
            }
            else {
                throw new TaskArgumentException("args", "no value for parameter " + label(i) + " of " + describe()
                        + ": give it as args[" + next + "]" + ((name != null) ? " or as kwargs['" + name + "']" : ""),
                        null);
            }
        }
        if (next < args.size()) {
            throw new TaskArgumentException("args", describe() + " takes " + next + " positional argument"
                    + ((next != 1) ? "s" : "") + " but " + args.size() + " were given", null);
        }
        List<String> unknown = new ArrayList<>(kwargs.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new TaskArgumentException("kwargs", describe() + " has no parameter for kwargs " + unknown
                    + " (parameters: " + String.join(", ", parameterNames()) + ")", null);
        }
        return values;
    }

    private @Nullable Object convert(@Nullable Object value, MethodParameter parameter, String part, String what) {
        boolean optional = parameter.getParameterType() == Optional.class;
        MethodParameter target = optional ? parameter.nestedIfOptional() : parameter;
        Object converted = convertValue(value, target, part, what);
        return optional ? Optional.ofNullable(converted) : converted;
    }

    private @Nullable Object convertValue(@Nullable Object value, MethodParameter parameter, String part,
            String what) {
        Class<?> type = parameter.getNestedParameterType();
        if (value == null) {
            if (type.isPrimitive()) {
                throw new TaskArgumentException(part, what + " is null, but parameter " + label(parameter) + " of "
                        + describe() + " is a " + type.getName(), null);
            }
            return null;
        }
        TypeDescriptor targetType = new TypeDescriptor(parameter);
        TypeDescriptor sourceType = TypeDescriptor.forObject(value);
        try {
            if (CONVERSION.canConvert(sourceType, targetType)) {
                return CONVERSION.convert(value, sourceType, targetType);
            }
            return JSON.convertValue(value,
                    JSON.getTypeFactory().constructType(parameter.getNestedGenericParameterType()));
        }
        catch (ConversionException | JacksonException | IllegalArgumentException ex) {
            throw new TaskArgumentException(part, what + " = " + value + " cannot be converted to "
                    + targetType + " for parameter " + label(parameter) + " of " + describe() + ": "
                    + ex.getMessage(), ex);
        }
    }

    private String label(MethodParameter parameter) {
        return label(parameter.getParameterIndex());
    }

    private String label(int index) {
        String name = this.names[index];
        return (name != null) ? "'" + name + "'" : "#" + index;
    }

    private List<String> parameterNames() {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < this.names.length; i++) {
            if (this.method.getParameterTypes()[i] != JobContext.class) {
                String name = this.names[i];
                result.add((name != null) ? name : "#" + i);
            }
        }
        return result;
    }

    private String describe() {
        return MethodTask.describe(this.method);
    }

}
