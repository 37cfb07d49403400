package dev.apscheduler.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Compiles the text of one cron field into {@link CronExpression}s with APScheduler 3's grammar and validation:
 * {@code *}, {@code *}/step, {@code a}, {@code a-b}, {@code a-b/step}, {@code a/step}, comma lists, month names for
 * {@code month}, weekday names for {@code day_of_week}, and {@code 1st fri}, {@code last fri} and {@code last} for
 * {@code day}.
 *
 * <p>Unlike APScheduler, which matches some forms only at the start of the text (so that {@code mon-fri/2} silently
 * means {@code mon-fri}), every element must match a form completely.
 */
final class CronExpressionParser {

    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*");

    private static final Pattern ALL = Pattern.compile("\\*(?:/([0-9]+))?");

    private static final Pattern RANGE = Pattern.compile("([0-9]+)(?:-([0-9]+))?(?:/([0-9]+))?");

    private static final Pattern NAMES = Pattern.compile("([a-z]+)(?:-([a-z]+))?", Pattern.CASE_INSENSITIVE);

    private static final Pattern POSITION = Pattern.compile("(1st|2nd|3rd|4th|5th|last) +([0-9]+|\\w+)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern LAST = Pattern.compile("last", Pattern.CASE_INSENSITIVE);

    private CronExpressionParser() {
    }

    /**
     * Compiles {@code text}, the value of field {@code type}.
     * @param source how error messages name the field, for example {@code cron field 'hour'}
     * @param parameter the trigger parameter that gave the text ({@code hour}, {@code crontab}), for the exception
     * @throws InvalidTriggerException naming {@code source}, the problem and the offending element
     */
    static List<CronExpression> parse(CronFieldType type, String text, String source, String parameter) {
        List<CronExpression> expressions = new ArrayList<>();
        for (String element : SEPARATOR.split(text.trim(), -1)) {
            try {
                expressions.add(compile(type, element));
            }
            catch (IllegalArgumentException ex) {
                String of = element.equals(text.trim()) ? "" : " of '" + text.trim() + "'";
                throw new InvalidTriggerException(source + ": " + ex.getMessage() + of, parameter, null);
            }
        }
        return List.copyOf(expressions);
    }

    private static CronExpression compile(CronFieldType type, String element) {
        Matcher all = ALL.matcher(element);
        if (all.matches()) {
            int step = step(all.group(1), element);
            checkStep(step, type.max() - type.min(), element);
            return new CronExpression.All(step);
        }
        Matcher range = RANGE.matcher(element);
        if (range.matches()) {
            Integer last = (range.group(2) != null) ? number(range.group(2), element) : null;
            return range(type, number(range.group(1), element), last, range.group(3), element, null);
        }
        if (type == CronFieldType.MONTH || type == CronFieldType.DAY_OF_WEEK) {
            Matcher names = NAMES.matcher(element);
            if (names.matches()) {
                List<String> known = (type == CronFieldType.MONTH) ? CronExpression.MONTHS : CronExpression.WEEKDAYS;
                int offset = (type == CronFieldType.MONTH) ? 1 : 0;
                Integer last = (names.group(2) != null) ? name(known, names.group(2), element) + offset : null;
                return range(type, name(known, names.group(1), element) + offset, last, null, element, known);
            }
        }
        if (type == CronFieldType.DAY) {
            Matcher position = POSITION.matcher(element);
            if (position.matches()) {
                String ordinal = position.group(1).toLowerCase(Locale.ROOT);
                return new CronExpression.WeekdayPosition(CronExpression.WeekdayPosition.POSITIONS.indexOf(ordinal),
                        name(CronExpression.WEEKDAYS, position.group(2), element));
            }
            if (LAST.matcher(element).matches()) {
                return new CronExpression.LastDayOfMonth();
            }
        }
        throw new IllegalArgumentException("unrecognized expression '" + element + "'");
    }

    /**
     * Builds a range the way APScheduler's {@code RangeExpression} does, checking the same things in the same order.
     */
    private static CronExpression range(CronFieldType type, int first, @Nullable Integer last,
            @Nullable String stepText, String element, @Nullable List<String> names) {
        int step = step(stepText, element);
        Integer end = (last == null && stepText == null) ? Integer.valueOf(first) : last;
        if (end != null && first > end) {
            throw new IllegalArgumentException(
                    "the minimum value in a range must not be higher than the maximum in '" + element + "'");
        }
        checkStep(step, type.max() - type.min(), element);
        if (first < type.min()) {
            throw new IllegalArgumentException("the first value (" + first + ") is lower than the minimum value ("
                    + type.min() + ") in '" + element + "'");
        }
        if (end != null && end > type.max()) {
            throw new IllegalArgumentException("the last value (" + end + ") is higher than the maximum value ("
                    + type.max() + ") in '" + element + "'");
        }
        // APScheduler computes the range as "(last or maximum) - first", so a last value of 0 counts as the maximum.
        checkStep(step, ((end != null && end != 0) ? end : type.max()) - first, element);
        return new CronExpression.Range(first, end, step, names);
    }

    private static int step(@Nullable String text, String element) {
        if (text == null) {
            return 0;
        }
        int step = number(text, element);
        if (step == 0) {
            throw new IllegalArgumentException("the increment must be higher than 0 in '" + element + "'");
        }
        return step;
    }

    private static void checkStep(int step, int range, String element) {
        if (step > range) {
            throw new IllegalArgumentException("the step value (" + step
                    + ") is higher than the total range of the expression (" + range + ") in '" + element + "'");
        }
    }

    private static int number(String text, String element) {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the value " + text + " is too large in '" + element + "'");
        }
    }

    private static int name(List<String> known, String name, String element) {
        int index = known.indexOf(name.toLowerCase(Locale.ROOT));
        if (index < 0) {
            String kind = (known == CronExpression.MONTHS) ? "month" : "weekday";
            throw new IllegalArgumentException("invalid " + kind + " name '" + name + "' in '" + element + "'");
        }
        return index;
    }

}
