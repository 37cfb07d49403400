package dev.apscheduler.spring.boot.jpa;

import java.time.Instant;
import java.util.Optional;

import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContractTests;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The core's job store contract for the JPA store on one database, with a second application instance on the same
 * database for the cross-instance acquire test.
 */
abstract class JpaJobStoreContractTestSupport extends JobStoreContractTests {

    /**
     * Returns the database the tests run on.
     */
    abstract TestDatabase database();

    private ConfigurableApplicationContext application() {
        return StoreApplications.shared(database(), 1);
    }

    @Override
    protected JobStore createStore() {
        return StoreApplications.store(application());
    }

    @Override
    protected Optional<JobStore> createStoreSharingData() {
        return Optional.of(StoreApplications.store(StoreApplications.shared(database(), 2)));
    }

    @Override
    protected boolean storeUnrestorableJob(String jobId, Instant nextRunTime) {
        StoreApplications.jdbc(application())
            .update("INSERT INTO apscheduler_jobs (id, next_run_time, job_state, version) VALUES (?, ?, ?, 0)", jobId,
                    JobRows.ceilMicros(nextRunTime), "{\"version\":1,\"id\":\"" + jobId + "\",corrupt");
        return true;
    }

    @Override
    protected boolean dataContains(String jobId) {
        Integer count = StoreApplications.jdbc(application())
            .queryForObject("SELECT COUNT(*) FROM apscheduler_jobs WHERE id = ?", Integer.class, jobId);
        return count != null && count > 0;
    }

}
