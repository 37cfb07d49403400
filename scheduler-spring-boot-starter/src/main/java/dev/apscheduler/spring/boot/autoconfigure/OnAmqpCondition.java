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
 * Matches when RabbitMQ is used: an executor of type {@code amqp} (or {@code celery}) is configured under
 * {@code apscheduler.executors.<alias>.type}, or {@code apscheduler.worker.enabled=true}. Nothing connects to a
 * broker otherwise, even with Spring AMQP on the class path.
 */
class OnAmqpCondition extends SpringBootCondition {

    private static final Bindable<Map<String, Map<String, Object>>> EXECUTORS = Bindable.of(ResolvableType
        .forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class)));

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("APScheduler over RabbitMQ");
        Binder binder = Binder.get(context.getEnvironment());
        if (binder.bind("apscheduler.worker.enabled", Boolean.class).orElse(false)) {
            return ConditionOutcome.match(message.found("worker").items("apscheduler.worker.enabled=true"));
        }
        Map<String, Map<String, Object>> executors = binder.bind("apscheduler.executors", EXECUTORS).orElse(Map.of());
        for (Map.Entry<String, Map<String, Object>> executor : executors.entrySet()) {
            Object type = executor.getValue().get("type");
            String name = (type != null) ? type.toString().trim().toLowerCase(Locale.ROOT) : "";
            if (name.equals("amqp") || name.equals("celery")) {
                return ConditionOutcome.match(message.found("executor").items("apscheduler.executors."
                        + executor.getKey() + ".type=" + type));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("amqp executor or worker").atAll());
    }

}
