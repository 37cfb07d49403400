package dev.apscheduler.spring.boot.dashboard;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the dashboard with Spring MVC: its static assets from the starter's jar under {@code <path>/assets/}
 * and the {@link DashboardInterceptor} on every request under the path.
 */
public final class DashboardWebConfigurer implements WebMvcConfigurer {

    private final String path;

    private final DashboardAccess access;

    /**
     * Creates the configurer.
     * @param path the dashboard's path, for example {@code /apscheduler}
     * @param access who may see and change what
     */
    public DashboardWebConfigurer(String path, DashboardAccess access) {
        this.path = path;
        this.access = access;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(this.path + "/assets/**")
            .addResourceLocations("classpath:/" + DashboardPageController.ASSETS)
            .setCacheControl(CacheControl.maxAge(Duration.ofMinutes(10)));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new DashboardInterceptor(this.access)).addPathPatterns(this.path, this.path + "/**");
    }

}
