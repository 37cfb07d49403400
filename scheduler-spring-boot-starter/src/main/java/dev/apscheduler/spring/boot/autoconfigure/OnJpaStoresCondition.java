package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.spring.boot.jpa.JpaJobStore;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Matches when one of the starter's JPA stores is asked for: a job store of type {@code jpa} (or {@code sqlalchemy}),
 * or {@code apscheduler.history.type=jpa}.
 */
class OnJpaStoresCondition extends AnyNestedCondition {

    OnJpaStoresCondition() {
        super(ConfigurationPhase.PARSE_CONFIGURATION);
    }

    @ConditionalOnJobStoreType({ JpaJobStore.TYPE, JpaJobStore.ALIAS })
    static class JpaJobStoreType {

    }

    @ConditionalOnProperty(name = HistorySettings.TYPE, havingValue = "jpa")
    static class JpaHistory {

    }

}
