package dev.apscheduler.spring.boot.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Listens on a store's pub/sub channel, where every instance announces its changes to the jobs with its own origin
 * id, and wakes the local scheduler when another instance changed something. The subscription is re-established
 * after a Redis outage (every second); until then the scheduler's {@code max-wait} bounds how late a change is seen.
 */
final class RedisChangeListener implements MessageListener {

    private static final Logger logger = LoggerFactory.getLogger(RedisChangeListener.class);

    private final byte[] origin;

    private final Runnable wakeup;

    private final RedisMessageListenerContainer container;

    private RedisChangeListener(RedisConnectionFactory connectionFactory, String channel, String origin,
            Runnable wakeup, Supplier<String> store) {
        this.origin = origin.getBytes(StandardCharsets.UTF_8);
        this.wakeup = wakeup;
        this.container = new RedisMessageListenerContainer();
        this.container.setConnectionFactory(connectionFactory);
        this.container.setRecoveryBackoff(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS));
        this.container.setErrorHandler((ex) -> logger.debug("{}: change listener failed: {}", store.get(),
                ex.getMessage()));
        this.container.addMessageListener(this, new ChannelTopic(channel));
    }

    /**
     * Starts listening.
     * @param connectionFactory the connection to Redis
     * @param channel the store's channel
     * @param origin this store instance's origin id, whose own announcements are ignored
     * @param wakeup wakes the local scheduler
     * @param store names the store in log messages
     * @return the listener
     */
    static RedisChangeListener start(RedisConnectionFactory connectionFactory, String channel, String origin,
            Runnable wakeup, Supplier<String> store) {
        RedisChangeListener listener = new RedisChangeListener(connectionFactory, channel, origin, wakeup, store);
        try {
            listener.container.afterPropertiesSet();
            listener.container.start();
        }
        catch (RuntimeException ex) {
            // Redis may be down: the container keeps trying to subscribe; max-wait bounds the delay meanwhile
            logger.warn("{}: could not subscribe to changes on '{}' yet: {}", store.get(), channel, ex.getMessage());
        }
        return listener;
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        if (!Arrays.equals(message.getBody(), this.origin)) {
            this.wakeup.run();
        }
    }

    /**
     * Stops listening and releases the subscription's connection.
     */
    void stop() {
        try {
            this.container.destroy();
        }
        catch (Exception ex) {
            logger.debug("Could not stop the change listener: {}", ex.getMessage());
        }
    }

}
