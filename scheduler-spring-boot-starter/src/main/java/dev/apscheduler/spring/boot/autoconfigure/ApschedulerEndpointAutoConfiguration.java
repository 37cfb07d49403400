package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpoint;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpointJmxExtension;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpointWebExtension;
import dev.apscheduler.spring.boot.actuate.JobExecutionHistory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link ApschedulerEndpoint}, its web and JMX extensions,
 * and the {@link JobExecutionHistory} that feeds its last executions when the scheduler keeps no run history (when it
 * does, the endpoint reads them from the history). The actuator's own conditions sit on a nested configuration,
 * evaluated only once the class-level condition has found actuator on the class path.
 */
@AutoConfiguration(after = ApschedulerAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
public final class ApschedulerEndpointAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(ApschedulerEndpoint.class)
    @ConditionalOnBean(Scheduler.class)
    @EnableConfigurationProperties(ApschedulerEndpointProperties.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        JobExecutionHistory apschedulerJobExecutionHistory(Scheduler scheduler,
                ApschedulerEndpointProperties properties) {
            JobExecutionHistory history = new JobExecutionHistory(properties.getLastExecutionsLimit());
            if (scheduler.historyStore().isEmpty()) {
                scheduler.addListener(history, JobExecutionHistory.EVENT_MASK);
            }
            return history;
        }

        @Bean
        @ConditionalOnMissingBean
        ApschedulerEndpoint apschedulerEndpoint(Scheduler scheduler, JobExecutionHistory history,
                ObjectProvider<SanitizingFunction> sanitizingFunctions, ApschedulerEndpointProperties properties) {
            return new ApschedulerEndpoint(scheduler, history, sanitizingFunctions.orderedStream().toList(),
                    properties.getJobsLimit());
        }

        @Bean
        @ConditionalOnBean(ApschedulerEndpoint.class)
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
        ApschedulerEndpointWebExtension apschedulerEndpointWebExtension(ApschedulerEndpoint endpoint,
                ApschedulerEndpointProperties properties) {
            return new ApschedulerEndpointWebExtension(endpoint, properties.getShowValues(), properties.getRoles());
        }

        @Bean
        @ConditionalOnBean(ApschedulerEndpoint.class)
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.JMX)
        ApschedulerEndpointJmxExtension apschedulerEndpointJmxExtension(ApschedulerEndpoint endpoint,
                ApschedulerEndpointProperties properties) {
            return new ApschedulerEndpointJmxExtension(endpoint, properties.getShowValues());
        }

    }

}
