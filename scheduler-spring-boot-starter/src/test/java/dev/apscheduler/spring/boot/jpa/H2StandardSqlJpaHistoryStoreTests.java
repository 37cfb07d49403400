package dev.apscheduler.spring.boot.jpa;

/**
 * The history store contract for the JPA history on H2 written as on a database without an upsert statement: each
 * chunk's rows deleted by run id, then inserted.
 */
class H2StandardSqlJpaHistoryStoreTests extends JpaHistoryStoreContractTestSupport {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }

    @Override
    RunUpserts detectedUpserts() {
        return RunUpserts.H2;
    }

    @Override
    RunUpserts upserts() {
        return RunUpserts.STANDARD;
    }

}
