package dev.apscheduler.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Run ids: version 7 UUIDs stamped with their creation time, strictly increasing within the process.
 */
class RunIdsTests {

    @Test
    void anIdMadeWithATimeCarriesItsMillisecondsAndIsAVersion7Uuid() {
        // an hour past the newest id so far (other tests' schedulers may run on clocks set ahead), so that the
        // counter does not carry the stamp past the time given
        long newest = UUID.fromString(RunIds.next()).getMostSignificantBits() >>> 16;
        Instant later = Instant.ofEpochMilli(newest).plusSeconds(3600).plusNanos(123_456_789);
        UUID id = UUID.fromString(RunIds.next(later));
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(later.toEpochMilli());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void idsIncreaseStrictlyWhateverTheTimesGiven() {
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        ids.add(RunIds.next());
        ids.add(RunIds.next(now.minusSeconds(60)));
        ids.add(RunIds.next(now.plusSeconds(7200)));
        ids.add(RunIds.next(now));
        ids.add(RunIds.next());
        ids.addAll(RunIds.next(3));
        assertThat(ids).doesNotHaveDuplicates().isSorted();
    }

}
