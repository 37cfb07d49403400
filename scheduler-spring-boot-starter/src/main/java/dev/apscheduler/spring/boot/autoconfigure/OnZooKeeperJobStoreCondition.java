package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a job store of type {@code zookeeper} is configured under {@code apscheduler.jobstores.<alias>.type}.
 * It names no Curator class, so that it also decides when Apache Curator is missing.
 */
class OnZooKeeperJobStoreCondition extends SpringBootCondition {

    /** The store type this condition looks for. */
    static final String TYPE = "zookeeper";

    /** The dependency that brings what the {@code zookeeper} job store needs. */
    static final String DEPENDENCY = "org.apache.curator:curator-framework";

    /** Curator's client, which the store uses. */
    static final String CURATOR = "org.apache.curator.framework.CuratorFramework";

    private static final Bindable<Map<String, Map<String, Object>>> STORES = Bindable.of(ResolvableType
        .forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class)));

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("APScheduler zookeeper job store");
        Map<String, Map<String, Object>> stores = Binder.get(context.getEnvironment())
            .bind("apscheduler.jobstores", STORES)
            .orElse(Map.of());
        for (Map.Entry<String, Map<String, Object>> store : stores.entrySet()) {
            Object type = store.getValue().get("type");
            if (type != null && TYPE.equals(type.toString().trim().toLowerCase(Locale.ROOT))) {
                return ConditionOutcome.match(message.found("job store").items("apscheduler.jobstores."
                        + store.getKey() + ".type=" + type));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("job store of type zookeeper").atAll());
    }

}
