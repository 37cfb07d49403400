package dev.apscheduler.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MemoryHistoryStoreTests extends HistoryStoreContractTests {

    @Override
    protected HistoryStore createStore() {
        return new MemoryHistoryStore(1000);
    }

    @Test
    void keepsOnlyTheNewestRunsOfEachJobAsRecordsArrive() {
        MemoryHistoryStore bounded = new MemoryHistoryStore(3);
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(record("job", RunOutcome.SUCCESS, T0.plusSeconds(i)));
        }
        bounded.save(records);
        assertThat(bounded.findRuns("job", 0, 10).runs()).extracting(RunRecord::runId)
            .containsExactly(records.get(4).runId(), records.get(3).runId(), records.get(2).runId());
        assertThat(bounded.findRun(records.get(0).runId())).isEmpty();
        assertThat(bounded.type()).isEqualTo("memory");
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MemoryHistoryStore(0))
            .withMessageContaining("max_runs_per_job").withMessageContaining("0");
    }

}
