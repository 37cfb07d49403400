package dev.apscheduler.spring.boot.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.curator.utils.PathUtils;
import org.junit.jupiter.api.Test;

/**
 * How the store names its znodes: any job id makes a valid znode name that decodes back to it, and the names of the
 * due-time index sort by time.
 */
class ZooKeeperNodesTests {

    @Test
    void everyIdMakesAValidNodeNameThatDecodesBackToIt() {
        for (String id : List.of("report", "reports.daily", "a/b", "..", ".", "50%", "%41", "naïve 日本", "tab\there",
                "x_y-z~", "emoji \uD83D\uDE00")) {
            String name = ZooKeeperNodes.name(id);
            PathUtils.validatePath("/jobs/" + name);
            assertThat(name).doesNotContain("/");
            assertThat(ZooKeeperNodes.id(name)).isEqualTo(id);
        }
        assertThat(ZooKeeperNodes.name("sampleJobs.report")).isEqualTo("sampleJobs.report");
        assertThat(ZooKeeperNodes.name("a/b")).isEqualTo("a%2Fb");
    }

    @Test
    void indexEntriesSortByDueTimeAndReadBack() {
        Instant early = Instant.parse("2030-01-01T00:00:00.000001Z");
        Instant late = Instant.parse("2030-01-01T00:00:01Z");
        String first = ZooKeeperNodes.entry(ZooKeeperNodes.ceilMicros(early), "zzz");
        String second = ZooKeeperNodes.entry(ZooKeeperNodes.ceilMicros(late), "aaa");
        List<String> entries = new ArrayList<>(List.of(second, first));
        entries.sort(null);
        assertThat(entries).containsExactly(first, second);
        assertThat(ZooKeeperNodes.instant(ZooKeeperNodes.entryMicros(first))).isEqualTo(early);
        assertThat(ZooKeeperNodes.entryName(first)).isEqualTo("zzz");
        assertThat(ZooKeeperNodes.entryMicros("not-an-entry")).isNull();
    }

    @Test
    void dueTimesAreRoundedUpSoThatNoJobIsClaimedBeforeItIsDue() {
        Instant due = Instant.parse("2030-01-01T00:00:00.0000005Z");
        assertThat(ZooKeeperNodes.ceilMicros(due)).isGreaterThan(ZooKeeperNodes.floorMicros(due));
        assertThat(ZooKeeperNodes.floorMicros(due) < ZooKeeperNodes.ceilMicros(due)).isTrue();
    }

}
