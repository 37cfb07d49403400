package dev.apscheduler.benchmarks.jmh;

import java.util.Arrays;

/**
 * One schedule written in each library's cron syntax: a POSIX crontab line for ours, six fields with seconds for
 * Spring, and Quartz's six fields where one of day-of-month and day-of-week must be {@code ?}. Quartz and Spring
 * number weekdays differently, so weekdays are written by name.
 */
public enum EquivalentCron {

    /** Every minute. */
    EVERY_MINUTE("* * * * *", "0 * * * * *", "0 * * * * ?"),

    /** Every five minutes. */
    EVERY_5_MINUTES("*/5 * * * *", "0 */5 * * * *", "0 0/5 * * * ?"),

    /** Weekdays at 9:30. */
    WEEKDAYS_0930("30 9 * * 1-5", "0 30 9 * * MON-FRI", "0 30 9 ? * MON-FRI"),

    /** Every quarter of an hour from 9:00 to 17:45 on weekdays. */
    BUSINESS_HOURS("*/15 9-17 * * 1-5", "0 */15 9-17 * * MON-FRI", "0 0/15 9-17 ? * MON-FRI"),

    /** Midnight on the first day of every month. */
    MONTHLY("0 0 1 * *", "0 0 0 1 * *", "0 0 0 1 * ?"),

    /** Noon on the 29th of February: a search across years. */
    LEAP_DAY("0 12 29 2 *", "0 0 12 29 2 *", "0 0 12 29 2 ?");

    private final String crontab;

    private final String spring;

    private final String quartz;

    EquivalentCron(String crontab, String spring, String quartz) {
        this.crontab = crontab;
        this.spring = spring;
        this.quartz = quartz;
    }

    /**
     * Returns the schedule as a crontab line, the form {@code Triggers.crontab} takes.
     * @return the crontab line
     */
    public String crontab() {
        return this.crontab;
    }

    /**
     * Returns the schedule in Spring's {@code CronExpression} syntax.
     * @return Spring's expression
     */
    public String spring() {
        return this.spring;
    }

    /**
     * Returns the schedule in Quartz's {@code CronExpression} syntax.
     * @return Quartz's expression
     */
    public String quartz() {
        return this.quartz;
    }

    /**
     * Finds a schedule by its name, for JMH's string parameters.
     * @param name the constant's name
     * @return the schedule
     * @throws IllegalArgumentException naming the known schedules if none has that name
     */
    public static EquivalentCron named(String name) {
        return Arrays.stream(values()).filter((cron) -> cron.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown cron schedule '" + name + "', expected one of "
                    + Arrays.toString(values())));
    }

}
