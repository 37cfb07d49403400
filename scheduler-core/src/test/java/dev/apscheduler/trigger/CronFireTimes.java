package dev.apscheduler.trigger;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds cron triggers from their string form and walks their fire times the way a scheduler that fires on time
 * does, so that tests can compare readable ISO-8601 times.
 */
final class CronFireTimes {

    private CronFireTimes() {
    }

    static CronTrigger cron(Map<String, ?> params, String zone) {
        return (CronTrigger) Triggers.create("cron", params, ZoneId.of(zone));
    }

    /**
     * Returns up to {@code count} consecutive fire times from {@code now} (wall-clock time in the trigger's zone, or
     * with an offset), each call passing the previous result as both the previous fire time and the current time.
     */
    static List<String> fireTimes(Trigger trigger, String now, int count) {
        ZonedDateTime current = DateTimes.parse(now, trigger.zone());
        ZonedDateTime previous = null;
        List<String> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = trigger.nextFireTime(previous, current);
            if (next.isEmpty()) {
                break;
            }
            times.add(DateTimes.format(next.get()));
            previous = next.get();
            current = next.get();
        }
        return times;
    }

    static ZonedDateTime at(Trigger trigger, String time) {
        return DateTimes.parse(time, trigger.zone());
    }

}
