package dev.apscheduler.spring.boot.autoconfigure;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.spring.boot.jpa.ApschedulerDataSource;
import dev.apscheduler.spring.boot.jpa.ApschedulerTransactionManager;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a bean carrying one of the starter's qualifiers is defined, or is not. Spring Boot's bean conditions
 * ignore beans declared with {@code defaultCandidate = false}, which is how an application declares a second data
 * source or transaction manager without making Boot's own back off; this condition counts them.
 */
abstract class OnQualifiedBeanCondition extends SpringBootCondition implements ConfigurationCondition {

    private final Class<? extends Annotation> qualifier;

    private final boolean present;

    OnQualifiedBeanCondition(Class<? extends Annotation> qualifier, boolean present) {
        this.qualifier = qualifier;
        this.present = present;
    }

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage
            .forCondition("@" + this.qualifier.getSimpleName() + " bean" + (this.present ? "" : " absent"));
        List<String> names = qualifiedBeans(context.getBeanFactory());
        if (names.isEmpty()) {
            return new ConditionOutcome(!this.present, message.didNotFind("qualified bean").atAll());
        }
        return new ConditionOutcome(this.present, message.found("qualified bean", "qualified beans").items(names));
    }

    private List<String> qualifiedBeans(@Nullable ConfigurableListableBeanFactory beanFactory) {
        List<String> names = new ArrayList<>();
        if (beanFactory == null) {
            return names;
        }
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (beanFactory.findAnnotationOnBean(name, this.qualifier, false) != null) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Matches when an {@link ApschedulerDataSource} is defined.
     */
    static final class SchedulerDataSource extends OnQualifiedBeanCondition {

        SchedulerDataSource() {
            super(ApschedulerDataSource.class, true);
        }

    }

    /**
     * Matches when no {@link ApschedulerDataSource} is defined.
     */
    static final class NoSchedulerDataSource extends OnQualifiedBeanCondition {

        NoSchedulerDataSource() {
            super(ApschedulerDataSource.class, false);
        }

    }

    /**
     * Matches when no {@link ApschedulerTransactionManager} is defined.
     */
    static final class NoSchedulerTransactionManager extends OnQualifiedBeanCondition {

        NoSchedulerTransactionManager() {
            super(ApschedulerTransactionManager.class, false);
        }

    }

}
