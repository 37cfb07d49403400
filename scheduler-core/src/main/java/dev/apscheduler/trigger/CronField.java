package dev.apscheduler.trigger;

import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One compiled field of a cron schedule: its type, its expressions, and whether the user gave it (only given fields
 * are described and stored).
 */
final class CronField {

    private final CronFieldType type;

    private final List<CronExpression> expressions;

    private final boolean given;

    CronField(CronFieldType type, List<CronExpression> expressions, boolean given) {
        this.type = type;
        this.expressions = List.copyOf(expressions);
        this.given = given;
    }

    /**
     * Compiles a field from its text, naming the field in errors the way a cron trigger's parameters do.
     */
    static CronField parse(CronFieldType type, String text, boolean given) {
        String source = "cron field '" + type.parameterName() + "'";
        return new CronField(type, CronExpressionParser.parse(type, text, source, type.parameterName()), given);
    }

    CronFieldType type() {
        return this.type;
    }

    boolean given() {
        return this.given;
    }

    boolean real() {
        return this.type.real();
    }

    int value(LocalDateTime wall) {
        return this.type.value(wall);
    }

    int min() {
        return this.type.min();
    }

    int max(LocalDateTime wall) {
        return this.type.max(wall);
    }

    /**
     * Returns the smallest value at or above the current one that any expression accepts, or
     * {@link CronExpression#NONE}.
     */
    int nextValue(LocalDateTime wall) {
        int smallest = CronExpression.NONE;
        for (CronExpression expression : this.expressions) {
            int value = expression.nextValue(wall, this.type);
            if (value != CronExpression.NONE && (smallest == CronExpression.NONE || value < smallest)) {
                smallest = value;
            }
        }
        return smallest;
    }

    /**
     * Returns whether the field accepts its value at {@code wall}.
     */
    boolean matches(LocalDateTime wall) {
        return nextValue(wall) == value(wall);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CronField that && this.type == that.type && this.given == that.given
                && this.expressions.equals(that.expressions);
    }

    @Override
    public int hashCode() {
        return this.type.hashCode() * 31 + this.expressions.hashCode();
    }

    /**
     * Returns APScheduler's string form of the field, for example {@code 6-8,11-12} or {@code 3rd fri}.
     */
    @Override
    public String toString() {
        return this.expressions.stream().map(CronExpression::toString).collect(Collectors.joining(","));
    }

}
