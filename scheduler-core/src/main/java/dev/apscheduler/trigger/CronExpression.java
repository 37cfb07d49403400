package dev.apscheduler.trigger;

import java.time.LocalDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One element of a cron field (the parts between commas), with APScheduler 3's matching rules: given a wall-clock
 * time, it returns the smallest value at or above the field's current value that it accepts.
 */
sealed interface CronExpression {

    /** Weekday names, indexed by APScheduler's day-of-week number (0 = Monday). */
    List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** Month names, indexed by month number minus one. */
    List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /** Returned by {@link #nextValue} when the expression accepts no value at or above the current one. */
    int NONE = -1;

    /**
     * Returns the smallest value at or above {@code field}'s value at {@code wall} that this expression accepts, or
     * {@link #NONE}.
     */
    int nextValue(LocalDateTime wall, CronFieldType field);

    /**
     * {@code *} or {@code *}/step: every value, or every step-th value counted from the field's minimum.
     */
    record All(int step) implements CronExpression {

        @Override
        public int nextValue(LocalDateTime wall, CronFieldType field) {
            int min = field.min();
            int start = Math.max(field.value(wall), min);
            int next = (this.step == 0) ? start : start + Math.floorMod(this.step - (start - min), this.step);
            return (next <= field.max(wall)) ? next : NONE;
        }

        @Override
        public String toString() {
            return (this.step != 0) ? "*/" + this.step : "*";
        }

    }

    /**
     * {@code a}, {@code a-b}, {@code a-b/step} or {@code a/step} (from a up to the field's maximum); month and weekday
     * ranges given by name keep their names for display.
     * @param last the last value, or {@code null} for the field's maximum
     * @param names the names the range was written with ({@link #MONTHS}, {@link #WEEKDAYS}), or {@code null}
     */
    record Range(int first, @Nullable Integer last, int step, @Nullable List<String> names) implements CronExpression {

        @Override
        public int nextValue(LocalDateTime wall, CronFieldType field) {
            int min = Math.max(field.min(), this.first);
            int max = (this.last != null) ? Math.min(field.max(wall), this.last) : field.max(wall);
            int next = Math.max(min, field.value(wall));
            if (this.step != 0) {
                next += Math.floorMod(this.step - (next - min), this.step);
            }
            return (next <= max) ? next : NONE;
        }

        @Override
        public String toString() {
            Integer last = this.last;
            String range = (last == null || last == this.first) ? name(this.first)
                    : name(this.first) + "-" + name(last);
            return (this.step != 0) ? range + "/" + this.step : range;
        }

        private String name(int value) {
            if (this.names == MONTHS) {
                return MONTHS.get(value - 1);
            }
            return (this.names == WEEKDAYS) ? WEEKDAYS.get(value) : Integer.toString(value);
        }

    }

    /**
     * {@code 1st fri} ... {@code 5th fri}, {@code last fri}: a weekday's position in the month (day field only).
     * @param position 0 to 4 for 1st to 5th, 5 for last
     * @param weekday 0 = Monday
     */
    record WeekdayPosition(int position, int weekday) implements CronExpression {

        /** The positions as written, indexed by {@link #position()}. */
        static final List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th", "last");

        @Override
        public int nextValue(LocalDateTime wall, CronFieldType field) {
            int firstDayWeekday = wall.toLocalDate().withDayOfMonth(1).getDayOfWeek().getValue() - 1;
            int lastDay = wall.toLocalDate().lengthOfMonth();
            int firstHit = this.weekday - firstDayWeekday + 1;
            if (firstHit <= 0) {
                firstHit += 7;
            }
            int target = (this.position < 5) ? firstHit + this.position * 7
                    : firstHit + ((lastDay - firstHit) / 7) * 7;
            return (target <= lastDay && target >= wall.getDayOfMonth()) ? target : NONE;
        }

        @Override
        public String toString() {
            return POSITIONS.get(this.position) + " " + WEEKDAYS.get(this.weekday);
        }

    }

    /**
     * {@code last}: the last day of the month (day field only).
     */
    record LastDayOfMonth() implements CronExpression {

        @Override
        public int nextValue(LocalDateTime wall, CronFieldType field) {
            return wall.toLocalDate().lengthOfMonth();
        }

        @Override
        public String toString() {
            return "last";
        }

    }

    /**
     * A set of weekdays (bit 0 = Monday), the form a crontab's day-of-week field is translated to.
     */
    record WeekdaySet(int days) implements CronExpression {

        @Override
        public int nextValue(LocalDateTime wall, CronFieldType field) {
            for (int day = field.value(wall); day <= 6; day++) {
                if ((this.days & (1 << day)) != 0) {
                    return day;
                }
            }
            return NONE;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int day = 0; day <= 6; day++) {
                if ((this.days & (1 << day)) != 0) {
                    text.append((text.length() > 0) ? "," : "").append(WEEKDAYS.get(day));
                }
            }
            return text.toString();
        }

    }

}
