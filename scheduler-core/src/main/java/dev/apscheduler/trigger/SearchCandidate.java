package dev.apscheduler.trigger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

import org.jspecify.annotations.Nullable;

/**
 * A cron search candidate as Python's {@code datetime} holds it: a wall time, which may lie in a DST gap, and a fold
 * that picks the offset after a transition ({@code true}) or before it ({@code false}) where the wall time is
 * ambiguous (an overlap) or missing (a gap).
 */
record SearchCandidate(LocalDateTime wall, boolean fold) {

    static SearchCandidate of(ZonedDateTime time) {
        ZoneOffsetTransition transition = time.getZone().getRules().getTransition(time.toLocalDateTime());
        return new SearchCandidate(time.toLocalDateTime(),
                transition != null && time.getOffset().equals(transition.getOffsetAfter()));
    }

    @Nullable ZoneOffsetTransition firstPassOf(ZoneRules rules) {
        ZoneOffsetTransition transition = rules.getTransition(this.wall);
        return (transition != null && transition.isOverlap() && !this.fold) ? transition : null;
    }

    @Nullable ZoneOffsetTransition gap(ZoneRules rules) {
        ZoneOffsetTransition transition = rules.getTransition(this.wall);
        return (transition != null && transition.isGap()) ? transition : null;
    }

    Instant instant(ZoneRules rules) {
        ZoneOffsetTransition transition = rules.getTransition(this.wall);
        ZoneOffset offset = (transition == null) ? rules.getOffset(this.wall)
                : this.fold ? transition.getOffsetAfter() : transition.getOffsetBefore();
        return this.wall.toInstant(offset);
    }

}
