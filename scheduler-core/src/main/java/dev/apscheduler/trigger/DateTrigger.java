package dev.apscheduler.trigger;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires once, at {@code run_date}: APScheduler's {@code date} trigger. The run date is returned even when it is in
 * the past; the scheduler's misfire handling decides whether a late run still happens.
 */
public final class DateTrigger implements Trigger {

    /** This trigger's alias. */
    public static final String ALIAS = "date";

    private static final List<String> PARAMETERS = List.of("run_date", "timezone");

    private final ZonedDateTime runDate;

    private DateTrigger(ZonedDateTime runDate) {
        this.runDate = runDate;
    }

    /**
     * Creates a trigger that fires once at {@code runDate}, in the run date's own zone.
     * @param runDate when to fire
     * @return the trigger
     */
    public static DateTrigger of(ZonedDateTime runDate) {
        return new DateTrigger(Objects.requireNonNull(runDate, "runDate"));
    }

    static DateTrigger create(TriggerParameters parameters) {
        parameters.requireOnly(PARAMETERS);
        ZoneId zone = parameters.zone("run_date");
        ZonedDateTime runDate = parameters.dateTime("run_date", zone)
            .orElseGet(() -> ZonedDateTime.now(parameters.clock().withZone(zone)));
        return new DateTrigger(runDate);
    }

    /**
     * Returns the time this trigger fires at.
     * @return the run date
     */
    public ZonedDateTime runDate() {
        return this.runDate;
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        return (previousFireTime == null) ? Optional.of(this.runDate) : Optional.empty();
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        return this.runDate.isBefore(time) ? Optional.empty() : Optional.of(this.runDate);
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("run_date", DateTimes.format(this.runDate));
        parameters.put("timezone", this.runDate.getZone().getId());
        return java.util.Collections.unmodifiableMap(parameters);
    }

    @Override
    public ZoneId zone() {
        return this.runDate.getZone();
    }

    @Override
    public String describe() {
        return "date[" + DateTimes.describe(this.runDate) + "]";
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof DateTrigger that && this.runDate.equals(that.runDate);
    }

    @Override
    public int hashCode() {
        return this.runDate.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

}
