package dev.apscheduler.trigger;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a crontab's day-of-week field with POSIX numbering (0 and 7 = Sunday, 1 = Monday ... 6 = Saturday, or the
 * names {@code sun} to {@code sat}) into the set of days it accepts: {@code *}, {@code *}/step, {@code a},
 * {@code a-b}, {@code a-b/step}, {@code a/step} (from a to Saturday) and comma lists. A range may end with
 * {@code sun} or 7, so that {@code fri-sun} and {@code 5-7} both mean Friday to Sunday.
 */
final class CrontabWeekdays {

    private static final List<String> NAMES = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private static final String DAY = "([0-9]+|[a-zA-Z]+)";

    private static final Pattern ELEMENT = Pattern.compile("(\\*|" + DAY + "(?:-" + DAY + ")?)(?:/([0-9]+))?");

    private CrontabWeekdays() {
    }

    /**
     * Returns the days as a {@link CronExpression.WeekdaySet} (APScheduler numbering, 0 = Monday).
     * @param source how error messages name the field
     */
    static CronExpression parse(String text, String source) {
        int days = 0;
        for (String element : text.trim().split("\\s*,\\s*", -1)) {
            try {
                days |= days(element);
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidTriggerException(source + ": " + ex.getMessage(), Crontab.PARAMETER, null);
            }
        }
        return new CronExpression.WeekdaySet(days);
    }

    /**
     * Returns the days of one element as bits, bit 0 = Monday.
     */
    private static int days(String element) {
        Matcher matcher = ELEMENT.matcher(element);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unrecognized expression '" + element + "'");
        }
        int step = 1;
        if (matcher.group(4) != null) {
            step = number(matcher.group(4), element);
            if (step == 0) {
                throw new IllegalArgumentException("the increment must be higher than 0 in '" + element + "'");
            }
        }
        int first = 0;
        int last = 6;
        if (!matcher.group(1).equals("*")) {
            first = day(matcher.group(2), element, false);
            last = (matcher.group(3) != null) ? day(matcher.group(3), element, true)
                    : (matcher.group(4) != null) ? 6 : first;
        }
        if (first > last) {
            throw new IllegalArgumentException(
                    "the minimum value in a range must not be higher than the maximum in '" + element + "'");
        }
        int days = 0;
        for (int day = first; day <= last; day += step) {
            // POSIX day d (0 or 7 = Sunday) is APScheduler's day (d + 6) % 7 (0 = Monday).
            days |= 1 << ((day + 6) % 7);
        }
        return days;
    }

    private static int day(String text, String element, boolean endOfRange) {
        if (Character.isDigit(text.charAt(0))) {
            int day = number(text, element);
            if (day > 7) {
                throw new IllegalArgumentException(
                        "the value (" + day + ") is higher than the maximum value (7) in '" + element + "'");
            }
            return day;
        }
        int index = NAMES.indexOf(text.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw new IllegalArgumentException("invalid weekday name '" + text + "' in '" + element + "'");
        }
        return (endOfRange && index == 0) ? 7 : index;
    }

    private static int number(String text, String element) {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the value " + text + " is too large in '" + element + "'");
        }
    }

}
