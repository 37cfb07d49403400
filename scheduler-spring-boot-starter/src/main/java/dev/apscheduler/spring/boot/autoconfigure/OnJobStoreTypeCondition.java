package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Arrays;
import java.util.List;
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
 * The condition behind {@link ConditionalOnJobStoreType @ConditionalOnJobStoreType}: reads the configured stores'
 * types from {@code apscheduler.jobstores} and matches when one of them is among the annotation's.
 */
class OnJobStoreTypeCondition extends SpringBootCondition {

    private static final Bindable<Map<String, Map<String, Object>>> STORES = Bindable.of(ResolvableType
        .forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class)));

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnJobStoreType.class.getName());
        List<String> types = (attributes != null) ? Arrays.asList((String[]) attributes.get("value")) : List.of();
        String described = String.join(" or ", types);
        ConditionMessage.Builder message = ConditionMessage.forCondition("APScheduler " + described + " job store");
        Map<String, Map<String, Object>> stores = Binder.get(context.getEnvironment())
            .bind("apscheduler.jobstores", STORES)
            .orElse(Map.of());
        for (Map.Entry<String, Map<String, Object>> store : stores.entrySet()) {
            Object type = store.getValue().get("type");
            if (type != null && types.contains(type.toString().trim().toLowerCase(Locale.ROOT))) {
                return ConditionOutcome.match(message.found("job store").items("apscheduler.jobstores."
                        + store.getKey() + ".type=" + type));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("job store of type " + described).atAll());
    }

}
