package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.spring.boot.jpa.ApschedulerJobEntity;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Adds the store's entity package to an application's {@code @EntityScan} packages when it declares some: Boot then
 * scans those instead of the auto-configuration packages, which would leave the store's entity out. When the
 * application declares none, nothing is registered, since registering any would hide the application's entities.
 */
class EntityScanPackagesRegistrar implements ImportBeanDefinitionRegistrar {

    private static final String ENTITY_SCAN_PACKAGES_BEAN = EntityScanPackages.class.getName();

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(ENTITY_SCAN_PACKAGES_BEAN)) {
            EntityScanPackages.register(registry, ApschedulerJobEntity.class.getPackageName());
        }
    }

}
