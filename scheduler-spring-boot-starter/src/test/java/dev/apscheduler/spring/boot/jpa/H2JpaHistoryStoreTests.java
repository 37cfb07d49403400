package dev.apscheduler.spring.boot.jpa;

/**
 * The history store contract for the JPA history on H2, which writes with {@code MERGE}.
 */
class H2JpaHistoryStoreTests extends JpaHistoryStoreContractTestSupport {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }

    @Override
    RunUpserts detectedUpserts() {
        return RunUpserts.H2;
    }

}
