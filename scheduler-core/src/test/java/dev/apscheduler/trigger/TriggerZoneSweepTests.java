package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every trigger kind around the unusual transitions of every zone the JDK knows: shifts that are not a whole hour
 * (Lord Howe's 30 minutes, the many half-hour base offset changes), offsets that are not whole hours (St. John's,
 * Adelaide, Chatham, Tehran), transitions off the hour, and days a zone skipped (Apia, Kwajalein, Kiritimati).
 *
 * <p>For each zone, six of its unusual transitions between 1970 and 2037 (spread over them; all of them with
 * {@code -Dsweep.transitions=0}) are walked, from a day before to a day after, with schedules aimed at the wall
 * times of the transition. Each sequence
 * must be strictly increasing (so never earlier than the previous fire time, and never looping), every fire time a
 * real time of the zone (its offset is the zone's offset at that instant, never a wall time in a gap), and no valid
 * wall time that the schedule matches may lie between two fire times, except the second pass of a fall-back overlap
 * after a fire in the first, which our cron deliberately skips for schedules with a fixed hour.
 */
class TriggerZoneSweepTests {

    /** Transitions walked per zone, spread over its unusual ones; {@code -Dsweep.transitions=0} walks them all. */
    private static final int TRANSITIONS_PER_ZONE = Integer.getInteger("sweep.transitions", 6);

    private static final Instant FROM = Instant.parse("1970-01-01T00:00:00Z");

    private static final Instant TO = Instant.parse("2038-01-01T00:00:00Z");

    private static final Duration MARGIN = Duration.ofHours(26);

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void sweepsTheZonesWithHalfHourShiftsOddOffsetsAndSkippedDays() {
        Set<String> zones = new TreeSet<>();
        sweptZones().forEach((zone) -> zones.add(zone.getId()));
        assertThat(zones).contains("Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Asia/Tehran",
                "Australia/Adelaide", "Pacific/Apia", "Pacific/Kiritimati", "Pacific/Kwajalein", "Asia/Kathmandu",
                "Pacific/Rarotonga");
        assertThat(zones).doesNotContain("Europe/Berlin", "America/New_York", "UTC");
    }

    @TestFactory
    Stream<DynamicTest> cronNeverSkipsAMatchingWallTime() {
        return perZone("cron", TriggerZoneSweepTests::checkCron);
    }

    @TestFactory
    Stream<DynamicTest> intervalKeepsItsElapsedStep() {
        return perZone("interval", TriggerZoneSweepTests::checkInterval);
    }

    @TestFactory
    Stream<DynamicTest> dateFiresOnceAtARealTime() {
        return perZone("date", TriggerZoneSweepTests::checkDate);
    }

    @TestFactory
    Stream<DynamicTest> calendarIntervalFiresOnEveryDayItsTimeExists() {
        return perZone("calendarinterval", TriggerZoneSweepTests::checkCalendarInterval);
    }

    @TestFactory
    Stream<DynamicTest> combinationsYieldTheUnionAndTheIntersectionOfTheirChildren() {
        return perZone("and/or", TriggerZoneSweepTests::checkCombinations);
    }

    private static Stream<DynamicTest> perZone(String kind, TransitionCheck check) {
        return sweptZones().stream().map((zone) -> DynamicTest.dynamicTest(kind + " in " + zone, () -> {
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                for (Transition transition : unusualTransitions(zone)) {
                    check.check(transition);
                }
            }, () -> kind + " did not finish in " + zone + ": a search loops");
        }));
    }

    // --- cron ---

    private static void checkCron(Transition transition) {
        for (Map<String, Object> params : cronSpecs(transition)) {
            CronTrigger trigger = (CronTrigger) Triggers.create("cron", params, transition.zone());
            List<ZonedDateTime> times = walk(trigger, transition.start(), transition.end());
            // one fire time past the window, so that the window is checked to its end
            trigger.nextFireTime(times.isEmpty() ? null : times.get(times.size() - 1),
                    times.isEmpty() ? transition.start() : times.get(times.size() - 1)).ifPresent(times::add);
            assertThat(times).as("%s around %s", trigger, transition).isNotEmpty();
            assertNoMatchingWallTimeSkipped(trigger, transition, times);
        }
    }

    private static List<Map<String, Object>> cronSpecs(Transition transition) {
        Set<Map<String, Object>> specs = new LinkedHashSet<>();
        for (LocalDateTime wall : transition.wallTimesOfInterest()) {
            int hour = wall.getHour();
            int minute = wall.getMinute();
            String day = DayOfWeek.from(wall).getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT);
            specs.add(Map.of("hour", hour, "minute", minute));
            specs.add(Map.of("hour", hour, "minute", "*/7"));
            specs.add(Map.of("hour", hour, "minute", (minute % 13) + "-59/13"));
            specs.add(Map.of("hour", hour + "-" + Math.min(23, hour + 2), "minute", minute, "second", 30));
            specs.add(Map.of("day", ordinal((wall.getDayOfMonth() - 1) / 7 + 1) + " " + day, "hour", hour, "minute",
                    minute));
            specs.add(Map.of("day_of_week", day, "hour", hour));
            specs.add(Map.of("crontab", minute + " " + hour + " * * *"));
            specs.add(Map.of("crontab", minute + " " + hour + " " + wall.getDayOfMonth() + " * "
                    + wall.getDayOfWeek().getValue() % 7));
        }
        specs.add(Map.of("minute", "*/15"));
        specs.add(Map.of("hour", "*/2", "minute", "10,40"));
        specs.add(Map.of("hour", 0));
        return new ArrayList<>(specs);
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    /**
     * Visits every valid wall time with the schedule's seconds between consecutive fire times (both passes of an
     * overlap) and fails on one that the schedule matches.
     */
    private static void assertNoMatchingWallTimeSkipped(CronTrigger trigger, Transition transition,
            List<ZonedDateTime> times) {
        WallClockSchedule schedule = trigger.schedule();
        ZoneId zone = transition.zone();
        Instant lower = transition.start().toInstant();
        LocalDateTime wall = transition.start().toLocalDateTime().minusHours(3).truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime lastWall = times.get(times.size() - 1).toLocalDateTime().plusHours(3);
        TreeSet<Instant> fireTimes = new TreeSet<>();
        times.forEach((time) -> fireTimes.add(time.toInstant()));
        for (; !wall.isAfter(lastWall); wall = wall.plusSeconds(30)) {
            if (!schedule.matches(wall)) {
                continue;
            }
            for (ZoneOffset offset : zone.getRules().getValidOffsets(wall)) {
                Instant instant = wall.toInstant(offset);
                if (instant.isBefore(lower) || instant.isAfter(fireTimes.last()) || fireTimes.contains(instant)) {
                    continue;
                }
                ZonedDateTime missed = instant.atZone(zone);
                if (!schedule.firesEveryHour() && secondPassAfterAFirstPassFire(missed, fireTimes)) {
                    continue;
                }
                fail("%s around %s: %s matches but was skipped; fire times %s", trigger, transition, missed,
                        format(times));
            }
        }
    }

    private static boolean secondPassAfterAFirstPassFire(ZonedDateTime time, TreeSet<Instant> fireTimes) {
        var transition = time.getZone().getRules().getTransition(time.toLocalDateTime());
        if (transition == null || !transition.isOverlap() || !time.getOffset().equals(transition.getOffsetAfter())) {
            return false;
        }
        Instant firstPassStart = transition.getInstant().minus(transition.getDuration().abs());
        Instant fired = fireTimes.ceiling(firstPassStart);
        return fired != null && fired.isBefore(transition.getInstant());
    }

    // --- interval ---

    private static void checkInterval(Transition transition) {
        ZonedDateTime start = transition.start().plusMinutes(17).plusSeconds(13);
        for (Duration interval : List.of(Duration.ofMinutes(30), Duration.ofMinutes(45), Duration.ofMinutes(90),
                Duration.ofSeconds(450), Duration.ofDays(1))) {
            Trigger trigger = Triggers.create("interval", Map.of("seconds", interval.toSeconds(), "start_date",
                    DateTimes.format(start)), transition.zone());
            List<ZonedDateTime> times = walk(trigger, start.minusHours(1), transition.end());
            assertThat(times.get(0).toInstant()).as("%s: first fire time", trigger).isEqualTo(start.toInstant());
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1).toInstant(), times.get(i).toInstant()))
                    .as("%s around %s: %s", trigger, transition, format(times)).isEqualTo(interval);
            }
        }
    }

    // --- date ---

    private static void checkDate(Transition transition) {
        ZoneId zone = transition.zone();
        for (LocalDateTime wall : transition.wallTimesOfInterest()) {
            Trigger trigger = Triggers.create("date", Map.of("run_date", wall.toString()), zone);
            Optional<ZonedDateTime> first = trigger.nextFireTime(null, transition.start());
            assertThat(first).as("%s", trigger).isPresent();
            assertRealTime(trigger, first.get());
            // a wall time in a gap is shifted forward by the gap's length, an ambiguous one is the earlier
            assertThat(first.get().toInstant()).as("%s", trigger)
                .isEqualTo(ZonedDateTime.ofLocal(wall, zone, null).toInstant());
            assertThat(trigger.nextFireTime(first.get(), first.get())).as("%s fires once", trigger).isEmpty();
        }
    }

    // --- calendar interval ---

    private static void checkCalendarInterval(Transition transition) {
        ZoneId zone = transition.zone();
        LocalDate firstDate = transition.start().toLocalDate();
        LocalDate lastDate = transition.end().toLocalDate();
        for (LocalDateTime wall : transition.wallTimesOfInterest()) {
            LocalTime time = wall.toLocalTime().truncatedTo(ChronoUnit.SECONDS);
            Trigger trigger = Triggers.create("calendarinterval", Map.of("days", 1, "hour", time.getHour(), "minute",
                    time.getMinute(), "second", time.getSecond(), "start_date", firstDate.toString(), "end_date",
                    lastDate.toString()), zone);
            // every date whose wall time exists fires there (the earlier of two occurrences); a date whose wall time
            // is in a gap fires only where the shift lands on the same time of day (a day the zone skipped whole)
            List<String> expected = new ArrayList<>();
            for (LocalDate date = firstDate; !date.isAfter(lastDate); date = date.plusDays(1)) {
                ZonedDateTime fireTime = ZonedDateTime.ofLocal(date.atTime(time), zone, null);
                String formatted = DateTimes.format(fireTime);
                if (fireTime.toLocalTime().equals(time) && !expected.contains(formatted)) {
                    expected.add(formatted);
                }
            }
            List<ZonedDateTime> times = walk(trigger, transition.start().minusDays(1), null);
            assertThat(format(times)).as("%s around %s", trigger, transition).isEqualTo(expected);
        }
    }

    // --- and / or ---

    private static void checkCombinations(Transition transition) {
        ZoneId zone = transition.zone();
        LocalDateTime wall = transition.wallTimesOfInterest().get(1);
        Map<String, Object> daily = Map.of("trigger", "cron", "params",
                Map.of("hour", wall.getHour(), "minute", wall.getMinute()));
        Map<String, Object> quarterHours = Map.of("trigger", "cron", "params", Map.of("minute", "*/15"));
        Map<String, Object> every45 = Map.of("trigger", "interval", "params", Map.of("minutes", 45, "start_date",
                DateTimes.format(transition.start().truncatedTo(ChronoUnit.HOURS))));
        Map<String, Object> evenHours = Map.of("trigger", "cron", "params", Map.of("hour", "*/2", "minute", "0,30"));
        Map<String, Object> every5h = Map.of("trigger", "interval", "params", Map.of("hours", 5, "start_date",
                DateTimes.format(transition.start().plusMinutes(7))));
        for (List<Map<String, Object>> children : List.of(List.of(daily, every5h), List.of(quarterHours, every45),
                List.of(quarterHours, evenHours))) {
            List<TreeSet<Instant>> childTimes = new ArrayList<>();
            for (Map<String, Object> child : children) {
                @SuppressWarnings("unchecked")
                Map<String, Object> params = (Map<String, Object>) child.get("params");
                Trigger trigger = Triggers.create((String) child.get("trigger"), params, zone);
                TreeSet<Instant> set = new TreeSet<>();
                walk(trigger, transition.start(), transition.end()).forEach((time) -> set.add(time.toInstant()));
                childTimes.add(set);
            }
            Trigger or = Triggers.create("or", Map.of("triggers", children), zone);
            TreeSet<Instant> union = new TreeSet<>();
            childTimes.forEach(union::addAll);
            assertThat(instants(walk(or, transition.start(), transition.end()))).as("%s around %s", or, transition)
                .containsExactlyElementsOf(union);
            if (!children.contains(evenHours)) {
                continue; // a cron and an interval need not coincide for years around an odd offset
            }
            Trigger and = Triggers.create("and", Map.of("triggers", children), zone);
            TreeSet<Instant> intersection = new TreeSet<>(childTimes.get(0));
            intersection.retainAll(childTimes.get(1));
            assertThat(instants(walk(and, transition.start(), transition.end()))).as("%s around %s", and, transition)
                .containsExactlyElementsOf(intersection);
        }
    }

    // --- walking and checking ---

    /**
     * Walks the fire times from {@code now} as a scheduler that fires on time does, up to {@code until} (or until the
     * trigger finishes), checking that each is strictly after the previous one and a real time of the zone.
     */
    private static List<ZonedDateTime> walk(Trigger trigger, ZonedDateTime now, @Nullable ZonedDateTime until) {
        List<ZonedDateTime> times = new ArrayList<>();
        ZonedDateTime previous = null;
        ZonedDateTime current = now;
        for (int i = 0; i < 2_000; i++) {
            Optional<ZonedDateTime> next = trigger.nextFireTime(previous, current);
            if (next.isEmpty() || (until != null && next.get().isAfter(until))) {
                return times;
            }
            assertRealTime(trigger, next.get());
            if (previous != null && !next.get().isAfter(previous)) {
                fail("%s: %s follows %s; fire times %s", trigger, next.get(), previous, format(times));
            }
            times.add(next.get());
            previous = next.get();
            current = next.get();
        }
        return fail("%s: more than 2,000 fire times from %s to %s", trigger, now, until);
    }

    private static void assertRealTime(Trigger trigger, ZonedDateTime time) {
        ZoneId zone = trigger.zone();
        assertThat(time.getZone()).as("%s: zone of %s", trigger, time).isEqualTo(zone);
        assertThat(time.getOffset()).as("%s: %s is not a real time of %s", trigger, time, zone)
            .isEqualTo(zone.getRules().getOffset(time.toInstant()));
        assertThat(zone.getRules().getValidOffsets(time.toLocalDateTime()))
            .as("%s: %s lies in a gap", trigger, time).contains(time.getOffset());
    }

    private static List<Instant> instants(List<ZonedDateTime> times) {
        return times.stream().map(ZonedDateTime::toInstant).toList();
    }

    private static List<String> format(List<ZonedDateTime> times) {
        return times.stream().map(DateTimes::format).toList();
    }

    // --- the zones and their transitions ---

    /**
     * The zones with at least one unusual transition between 1970 and 2037, one zone for each set of rules (links
     * such as {@code Australia/LHI} are left out).
     */
    static List<ZoneId> sweptZones() {
        Map<Object, ZoneId> byRules = new LinkedHashMap<>();
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneId zone = ZoneId.of(id);
            if (!unusualTransitions(zone).isEmpty()) {
                byRules.merge(zone.getRules(), zone, (a, b) -> preferred(a, b));
            }
        }
        return byRules.values().stream().sorted((a, b) -> a.getId().compareTo(b.getId())).toList();
    }

    private static ZoneId preferred(ZoneId a, ZoneId b) {
        // a canonical name has an area and a city (Australia/Lord_Howe rather than Australia/LHI)
        Function<ZoneId, Integer> score = (zone) -> (zone.getId().contains("/") ? 2 : 0)
                + (zone.getId().matches(".*/[A-Z][a-z].*") ? 1 : 0);
        return (score.apply(b) > score.apply(a)) ? b : a;
    }

    private static List<Transition> unusualTransitions(ZoneId zone) {
        List<Transition> all = new ArrayList<>();
        Instant from = FROM;
        var rules = zone.getRules();
        for (var transition = rules.nextTransition(from); transition != null
                && transition.getInstant().isBefore(TO); transition = rules.nextTransition(transition.getInstant())) {
            long shift = transition.getDuration().toSeconds();
            boolean unusual = shift % 3600 != 0 || Math.abs(shift) >= 86_400
                    || transition.getOffsetBefore().getTotalSeconds() % 3600 != 0
                    || transition.getOffsetAfter().getTotalSeconds() % 3600 != 0
                    || transition.getDateTimeBefore().getMinute() != 0;
            if (unusual) {
                all.add(new Transition(zone, transition));
            }
        }
        if (TRANSITIONS_PER_ZONE <= 1 || all.size() <= TRANSITIONS_PER_ZONE) {
            return all;
        }
        List<Transition> spread = new ArrayList<>();
        for (int i = 0; i < TRANSITIONS_PER_ZONE; i++) {
            spread.add(all.get(i * (all.size() - 1) / (TRANSITIONS_PER_ZONE - 1)));
        }
        return spread;
    }

    record Transition(ZoneId zone, java.time.zone.ZoneOffsetTransition transition) {

        ZonedDateTime start() {
            return this.transition.getInstant().minus(MARGIN).atZone(this.zone);
        }

        ZonedDateTime end() {
            return this.transition.getInstant().plus(MARGIN).atZone(this.zone);
        }

        /**
         * Wall times just before the transition, at it, inside its gap or overlap, at its end and after it.
         */
        List<LocalDateTime> wallTimesOfInterest() {
            LocalDateTime before = this.transition.getDateTimeBefore();
            LocalDateTime after = this.transition.getDateTimeAfter();
            LocalDateTime earlier = before.isBefore(after) ? before : after;
            LocalDateTime later = before.isBefore(after) ? after : before;
            long middle = Duration.between(earlier, later).toSeconds() / 2;
            Set<LocalDateTime> walls = new LinkedHashSet<>(List.of(earlier.minusMinutes(1), earlier,
                    earlier.plusSeconds(middle).truncatedTo(ChronoUnit.MINUTES), later, later.plusMinutes(15)));
            return new ArrayList<>(walls);
        }

        @Override
        public String toString() {
            return this.zone + " " + this.transition;
        }

    }

    @FunctionalInterface
    interface TransitionCheck {

        void check(Transition transition);

    }

}
