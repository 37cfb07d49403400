package com.example.sample.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The REST API's limits ({@link SampleApiProperties}), the filter that enforces the request size (ahead of every
 * other filter, so that no one reads a body beyond it), and strict JSON: a value of the wrong type is refused, never
 * converted.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleApiProperties.class)
class ApiConfiguration {

    /**
     * Refuses numbers and booleans where the API expects text ({@code "name": 5}), as
     * {@code spring.jackson.mapper.allow-coercion-of-scalars=false} does for the other directions.
     */
    @Bean
    JsonMapperBuilderCustomizer noScalarsAsText() {
        return (builder) -> builder.withCoercionConfig(LogicalType.Textual, (config) -> config
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(SampleApiProperties properties, JsonMapper json) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(properties.getMaxRequestSize(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

}
