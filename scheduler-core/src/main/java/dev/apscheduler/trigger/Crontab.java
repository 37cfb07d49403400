package dev.apscheduler.trigger;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a crontab line ({@code minute hour day-of-month month day-of-week}, or a macro such as {@code @daily}) with
 * its POSIX meaning, deliberately unlike APScheduler 3's {@code from_crontab}: day-of-week 0 and 7 are Sunday and 1
 * is Monday, and when both the day of the month and the day of the week are restricted, a day matches if either
 * does.
 *
 * <p>As in cron daemons, a day field counts as unrestricted when it starts with {@code *} (so {@code *}/2 keeps the
 * AND rule). The minute, hour, day-of-month and month fields accept the cron trigger's grammar (including month
 * names and {@code last}); the day-of-week field accepts numbers 0 to 7, names {@code sun} to {@code sat}, ranges,
 * steps and lists.
 */
final class Crontab {

    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    /** The trigger parameter a crontab line is given as, named by its errors. */
    static final String PARAMETER = "crontab";

    private static final List<String> FIELD_NAMES = List.of("minute", "hour", "day of month", "month", "day of week");

    private Crontab() {
    }

    /**
     * Parses a crontab line into the schedule it describes.
     * @throws InvalidTriggerException naming the line, the crontab field and the offending value
     */
    static WallClockSchedule parse(String expression) {
        String line = expression.trim();
        String expanded = line;
        if (line.startsWith("@")) {
            expanded = MACROS.get(line.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new InvalidTriggerException("crontab '" + line + "': unknown macro (known: @yearly, @annually, "
                        + "@monthly, @weekly, @daily, @midnight, @hourly)", PARAMETER, null);
            }
        }
        String[] parts = expanded.split("\\s+");
        if (parts.length != 5) {
            throw new InvalidTriggerException("crontab '" + line + "': expected 5 fields (" + String.join(", ",
                    FIELD_NAMES) + ") or a macro such as @daily, found " + (line.isEmpty() ? 0 : parts.length),
                    PARAMETER, null);
        }
        CronField minute = field(CronFieldType.MINUTE, parts, 0, line);
        CronField hour = field(CronFieldType.HOUR, parts, 1, line);
        CronField day = field(CronFieldType.DAY, parts, 2, line);
        CronField month = field(CronFieldType.MONTH, parts, 3, line);
        CronField weekday = new CronField(CronFieldType.DAY_OF_WEEK,
                List.of(CrontabWeekdays.parse(parts[4], source(line, 4))), true);
        boolean dayRestricted = !parts[2].startsWith("*");
        boolean weekdayRestricted = !parts[4].startsWith("*");
        if (dayRestricted && weekdayRestricted) {
            return new EitherSchedule(schedule(minute, hour, day, month, any(CronFieldType.DAY_OF_WEEK)),
                    schedule(minute, hour, any(CronFieldType.DAY), month, weekday));
        }
        return schedule(minute, hour, day, month, weekday);
    }

    private static CronField field(CronFieldType type, String[] parts, int index, String line) {
        return new CronField(type, CronExpressionParser.parse(type, parts[index], source(line, index), PARAMETER),
                true);
    }

    private static String source(String line, int index) {
        return "crontab '" + line + "' field '" + FIELD_NAMES.get(index) + "'";
    }

    private static CronSchedule schedule(CronField minute, CronField hour, CronField day, CronField month,
            CronField weekday) {
        CronField zeroSecond = new CronField(CronFieldType.SECOND,
                List.of(new CronExpression.Range(0, 0, 0, null)), false);
        return new CronSchedule(List.of(any(CronFieldType.YEAR), month, day, any(CronFieldType.WEEK), weekday, hour,
                minute, zeroSecond));
    }

    private static CronField any(CronFieldType type) {
        return new CronField(type, List.of(new CronExpression.All(0)), false);
    }

}
