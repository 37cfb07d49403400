package dev.apscheduler.spring.boot.support;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Analyses a startup failure with the failure analyzers registered in {@code META-INF/spring.factories}, as Spring
 * Boot does when an application fails to start, so that tests check both the analysis and its registration.
 */
public final class FailureAnalyses {

    private FailureAnalyses() {
    }

    /**
     * Returns the analysis Spring Boot would report.
     * @param failure the startup failure
     * @param environment the application's environment, or {@code null}
     * @return the first analysis a registered analyzer gives, or {@code null}
     */
    public static @Nullable FailureAnalysis analyze(Throwable failure, @Nullable Environment environment) {
        ArgumentResolver arguments = ArgumentResolver
            .of(Environment.class, (environment != null) ? environment : new StandardEnvironment())
            .and(BeanFactory.class, new DefaultListableBeanFactory());
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, arguments, (factoryType, factoryName, loadFailure) -> {
                // analyzers that need what a test context lacks are skipped, as Spring Boot logs and skips them
            });
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

}
