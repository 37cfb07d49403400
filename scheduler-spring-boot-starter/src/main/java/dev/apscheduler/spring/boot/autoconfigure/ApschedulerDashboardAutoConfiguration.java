package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.dashboard.DashboardAccess;
import dev.apscheduler.spring.boot.dashboard.DashboardActionsController;
import dev.apscheduler.spring.boot.dashboard.DashboardApiController;
import dev.apscheduler.spring.boot.dashboard.DashboardErrors;
import dev.apscheduler.spring.boot.dashboard.DashboardPageController;
import dev.apscheduler.spring.boot.dashboard.DashboardWebConfigurer;
import dev.apscheduler.spring.boot.dashboard.RunActivity;
import dev.apscheduler.spring.boot.web.JobRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the web dashboard ({@code apscheduler.dashboard.enabled=true}) in servlet applications with
 * Spring MVC. With Spring Security's web filter chain (which Spring Boot sets up whenever Spring Security is on the
 * class path), the dashboard needs an authenticated user and writes need {@code apscheduler.dashboard.write-role};
 * without it, it is read-only unless
 * {@code apscheduler.dashboard.allow-unsecured-writes} is set. When the application limits the {@code apscheduler}
 * actuator endpoint to read-only access ({@code management.endpoint.apscheduler.access} or
 * {@code management.endpoints.access.max-permitted} set to {@code read-only} or {@code none}), the dashboard changes
 * nothing either. Which of these applies is logged at start.
 */
@AutoConfiguration(after = ApschedulerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(name = "apscheduler.dashboard.enabled", havingValue = "true")
@ConditionalOnBean(Scheduler.class)
@EnableConfigurationProperties(ApschedulerDashboardProperties.class)
public final class ApschedulerDashboardAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(ApschedulerDashboardAutoConfiguration.class);

    static final String SPRING_SECURITY = "org.springframework.security.web.SecurityFilterChain";

    static final String SPRING_SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

    @Bean
    @ConditionalOnMissingBean
    DashboardAccess apschedulerDashboardAccess(ApschedulerDashboardProperties properties, BeanFactory beanFactory,
            Environment environment) {
        properties.validate();
        DashboardAccess.Mode mode;
        if (usesSpringSecurity(beanFactory)) {
            mode = DashboardAccess.Mode.SECURED;
            logger.info("APScheduler dashboard at {}: authenticated users only, changes need the role {} "
                    + "(apscheduler.dashboard.write-role)", properties.getPath(), properties.getWriteRole());
        }
        else if (properties.isAllowUnsecuredWrites()) {
            mode = DashboardAccess.Mode.OPEN;
            logger.warn("APScheduler dashboard at {}: ANYONE who reaches it may change jobs "
                    + "(apscheduler.dashboard.allow-unsecured-writes=true, Spring Security is not used)",
                    properties.getPath());
        }
        else {
            mode = DashboardAccess.Mode.READ_ONLY;
            logger.info("APScheduler dashboard at {}: read-only (Spring Security is not used; "
                    + "apscheduler.dashboard.allow-unsecured-writes=true would allow changes)", properties.getPath());
        }
        String writesOff = EndpointWriteAccess.limitedBy(environment);
        if (writesOff != null) {
            logger.info("APScheduler dashboard at {}: changes are turned off ({})", properties.getPath(), writesOff);
        }
        return new DashboardAccess(mode, properties.getWriteRole(), writesOff);
    }

    /**
     * Tells whether the application runs Spring Security's web filter chain, as Spring Boot sets it up whenever
     * Spring Security is on the class path (and an application's own {@code @EnableWebSecurity} does).
     */
    static boolean usesSpringSecurity(BeanFactory beanFactory) {
        return ClassUtils.isPresent(SPRING_SECURITY, ApschedulerDashboardAutoConfiguration.class.getClassLoader())
                && beanFactory.containsBean(SPRING_SECURITY_FILTER_CHAIN);
    }

    @Bean
    @ConditionalOnMissingBean
    RunActivity apschedulerDashboardRunActivity(Scheduler scheduler) {
        RunActivity activity = new RunActivity(scheduler.clock());
        scheduler.addListener(activity, RunActivity.EVENT_MASK);
        return activity;
    }

    @Bean
    DashboardWebConfigurer apschedulerDashboardWebConfigurer(ApschedulerDashboardProperties properties,
            DashboardAccess access) {
        return new DashboardWebConfigurer(properties.getPath(), access);
    }

    @Bean
    DashboardPageController apschedulerDashboardPageController(ApschedulerDashboardProperties properties) {
        return new DashboardPageController(properties.getPath());
    }

    @Bean
    DashboardApiController apschedulerDashboardApiController(Scheduler scheduler, DashboardAccess access,
            RunActivity activity, ApschedulerDashboardProperties properties) {
        return new DashboardApiController(scheduler, access, activity, jobRequests(scheduler, properties),
                properties.getRefreshInterval().toMillis());
    }

    @Bean
    DashboardActionsController apschedulerDashboardActionsController(Scheduler scheduler,
            ApschedulerDashboardProperties properties) {
        return new DashboardActionsController(scheduler, jobRequests(scheduler, properties));
    }

    @Bean
    DashboardErrors apschedulerDashboardErrors() {
        return new DashboardErrors();
    }

    private static JobRequests jobRequests(Scheduler scheduler, ApschedulerDashboardProperties properties) {
        return new JobRequests(scheduler, properties.requestLimits(), JsonMapper.builder().build());
    }

}
