package dev.apscheduler.spring.boot.jpa;

/**
 * The job store contract for the JPA store on H2, whose acquire step takes plain row locks.
 */
class H2JpaJobStoreTests extends JpaJobStoreContractTestSupport {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }

}
