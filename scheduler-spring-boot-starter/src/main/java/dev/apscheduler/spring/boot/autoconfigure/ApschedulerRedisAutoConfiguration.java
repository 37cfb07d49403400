package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.spring.boot.redis.RedisJobStoreFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Auto-configuration of the {@code redis} job store, offered when Spring Data Redis is on the class path: it
 * contributes the {@link RedisJobStoreFactory} that the scheduler's auto-configuration hands to the scheduler, so that
 * {@code apscheduler.jobstores.<alias>.type=redis} works. The stores use the {@link RedisConnectionFactory} qualified
 * {@link ApschedulerRedisConnectionFactory @ApschedulerRedisConnectionFactory} if there is one, otherwise the
 * application's (configured by {@code spring.data.redis.*}: standalone, Sentinel or Cluster); the connection is
 * looked up only when a {@code redis} store is created.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        beforeName = "dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration")
@ConditionalOnClass({ RedisConnectionFactory.class, StringRedisTemplate.class })
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
public final class ApschedulerRedisAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RedisJobStoreFactory redisJobStoreFactory(
            @ApschedulerRedisConnectionFactory ObjectProvider<RedisConnectionFactory> dedicated,
            ObjectProvider<RedisConnectionFactory> connectionFactory) {
        return new RedisJobStoreFactory(() -> {
            RedisConnectionFactory qualified = dedicated.getIfAvailable();
            return (qualified != null) ? qualified : connectionFactory.getObject();
        });
    }

}
