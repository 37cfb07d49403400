package dev.apscheduler.trigger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A cron search candidate as Python's {@code datetime} holds it: a wall time, which may lie in a DST gap, and a fold
 * that picks the offset after a transition ({@code true}) or before it ({@code false}) where the wall time is
 * ambiguous (an overlap) or missing (a gap). A candidate resolved from an instant also carries its offset, so that
 * the search asks the zone's rules again only for wall times it set itself.
 *
 * @param wall the wall time
 * @param fold the fold of a wall time the search set (unused when {@code offset} is known)
 * @param offset the offset of a candidate resolved from an instant, or {@code null} for a wall time the search set
 * @param resolved the time a candidate was resolved from, or {@code null} for a wall time the search set
 */
record SearchCandidate(LocalDateTime wall, boolean fold, @Nullable ZoneOffset offset,
        @Nullable ZonedDateTime resolved) {

    static SearchCandidate of(ZonedDateTime time) {
        return new SearchCandidate(time.toLocalDateTime(), false, time.getOffset(), time);
    }

    static SearchCandidate set(LocalDateTime wall, boolean fold) {
        return new SearchCandidate(wall, fold, null, null);
    }

    /**
     * Returns the overlap in whose first pass this candidate lies, if any.
     * @param offsets the valid offsets of this candidate's wall time
     */
    @Nullable ZoneOffsetTransition firstPassOf(ZoneRules rules, List<ZoneOffset> offsets) {
        return (offsets.size() == 2 && !fold(offsets)) ? rules.getTransition(this.wall) : null;
    }

    /**
     * Returns the fold that a wall time set from this candidate carries (Python's {@code replace} keeps it).
     * @param offsets the valid offsets of this candidate's wall time
     */
    boolean foldToCarry(List<ZoneOffset> offsets) {
        return (this.offset == null) ? this.fold : offsets.size() == 2 && fold(offsets);
    }

    /**
     * Returns the gap this candidate's wall time lies in, if any (only a wall time the search set can).
     */
    @Nullable ZoneOffsetTransition gap(ZoneRules rules) {
        return (this.offset == null && rules.getValidOffsets(this.wall).isEmpty()) ? rules.getTransition(this.wall)
                : null;
    }

    Instant instant(ZoneRules rules) {
        if (this.offset != null) {
            return this.wall.toInstant(this.offset);
        }
        List<ZoneOffset> offsets = rules.getValidOffsets(this.wall);
        if (offsets.size() == 1) {
            return this.wall.toInstant(offsets.get(0));
        }
        if (offsets.size() == 2) {
            return this.wall.toInstant(offsets.get(this.fold ? 1 : 0));
        }
        ZoneOffsetTransition gap = rules.getTransition(this.wall);
        return this.wall.toInstant(this.fold ? gap.getOffsetAfter() : gap.getOffsetBefore());
    }

    // in an overlap, the valid offsets are the one before the transition and the one after it, in that order
    private boolean fold(List<ZoneOffset> overlapOffsets) {
        return (this.offset != null) ? this.offset.equals(overlapOffsets.get(1)) : this.fold;
    }

}
