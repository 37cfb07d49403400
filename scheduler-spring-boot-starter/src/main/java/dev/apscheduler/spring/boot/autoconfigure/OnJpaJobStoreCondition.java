package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.apscheduler.spring.boot.jpa.JpaJobStore;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a job store of type {@code jpa} (or {@code sqlalchemy}) is configured under
 * {@code apscheduler.jobstores.<alias>.type}: only then does the starter add its entity to the application's
 * persistence unit (and its table, which the {@code jpa} history asks for too), as Boot's Quartz support does only
 * for {@code spring.quartz.job-store-type=jdbc}.
 */
class OnJpaJobStoreCondition extends SpringBootCondition {

    private static final Set<String> TYPES = Set.of(JpaJobStore.TYPE, JpaJobStore.ALIAS);

    private static final Bindable<Map<String, Map<String, Object>>> STORES = Bindable.of(ResolvableType
        .forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class)));

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("APScheduler jpa job store");
        Map<String, Map<String, Object>> stores = Binder.get(context.getEnvironment())
            .bind("apscheduler.jobstores", STORES)
            .orElse(Map.of());
        for (Map.Entry<String, Map<String, Object>> store : stores.entrySet()) {
            Object type = store.getValue().get("type");
            if (type != null && TYPES.contains(type.toString().trim().toLowerCase(Locale.ROOT))) {
                return ConditionOutcome.match(message.found("job store").items("apscheduler.jobstores."
                        + store.getKey() + ".type=" + type));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("job store of type jpa or sqlalchemy").atAll());
    }

}
