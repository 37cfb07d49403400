package dev.apscheduler.trigger;

import java.time.LocalDateTime;
import java.time.temporal.IsoFields;

/**
 * The eight fields of a cron schedule, from the most significant to the least, with APScheduler's names, value
 * ranges and defaults.
 *
 * <p>Real fields ({@code year}, {@code month}, {@code day}, {@code hour}, {@code minute}, {@code second}) are the parts
 * of a date-time; {@code week} (ISO week of the year) and {@code day_of_week} (0 = Monday) are derived from the date
 * and can only be satisfied by moving the day forward.
 */
enum CronFieldType {

    YEAR("year", 1970, 9999, "*", true),

    MONTH("month", 1, 12, "1", true),

    DAY("day", 1, 31, "1", true),

    WEEK("week", 1, 53, "*", false),

    DAY_OF_WEEK("day_of_week", 0, 6, "*", false),

    HOUR("hour", 0, 23, "0", true),

    MINUTE("minute", 0, 59, "0", true),

    SECOND("second", 0, 59, "0", true);

    private final String parameterName;

    private final int min;

    private final int max;

    private final String defaultExpression;

    private final boolean real;

    CronFieldType(String parameterName, int min, int max, String defaultExpression, boolean real) {
        this.parameterName = parameterName;
        this.min = min;
        this.max = max;
        this.defaultExpression = defaultExpression;
        this.real = real;
    }

    /**
     * Returns APScheduler's parameter name, for example {@code day_of_week}.
     */
    String parameterName() {
        return this.parameterName;
    }

    /**
     * Returns the smallest value the field can take.
     */
    int min() {
        return this.min;
    }

    /**
     * Returns the largest value the field can take anywhere (31 for {@code day}), used to validate expressions.
     */
    int max() {
        return this.max;
    }

    /**
     * Returns the largest value the field can take at {@code wall}: the length of the month for {@code day}.
     */
    int max(LocalDateTime wall) {
        return (this == DAY) ? wall.toLocalDate().lengthOfMonth() : this.max;
    }

    /**
     * Returns the expression an omitted field gets when it is less significant than every given field.
     */
    String defaultExpression() {
        return this.defaultExpression;
    }

    /**
     * Returns whether the field is a part of a date-time that can be set directly.
     */
    boolean real() {
        return this.real;
    }

    /**
     * Returns the field's value at the wall-clock time {@code wall}.
     */
    int value(LocalDateTime wall) {
        return switch (this) {
            case YEAR -> wall.getYear();
            case MONTH -> wall.getMonthValue();
            case DAY -> wall.getDayOfMonth();
            case WEEK -> wall.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case DAY_OF_WEEK -> wall.getDayOfWeek().getValue() - 1;
            case HOUR -> wall.getHour();
            case MINUTE -> wall.getMinute();
            case SECOND -> wall.getSecond();
        };
    }

}
