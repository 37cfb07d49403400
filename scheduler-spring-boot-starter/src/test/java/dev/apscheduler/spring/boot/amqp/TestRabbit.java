package dev.apscheduler.spring.boot.amqp;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The RabbitMQ broker the tests run on: the machine's, on 127.0.0.1:5672 with guest/guest (CI starts it). Each test
 * uses queues and exchanges of its own, named with a random suffix, and deletes them afterwards. When the broker is
 * unreachable, the tests fail where {@code CI=true} and are skipped elsewhere.
 */
final class TestRabbit implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    static final int PORT = 5672;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private final CachingConnectionFactory admin;

    private final List<String> queues = new ArrayList<>();

    private final List<String> exchanges = new ArrayList<>();

    TestRabbit() {
        this.admin = connectionFactory(PORT);
        try {
            this.admin.createConnection().close();
        }
        catch (RuntimeException ex) {
            this.admin.destroy();
            String message = "RabbitMQ at " + HOST + ":" + PORT + " is not reachable: " + ex.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message, ex);
            }
            Assumptions.abort(message);
        }
    }

    static CachingConnectionFactory connectionFactory(int port) {
        CachingConnectionFactory factory = new CachingConnectionFactory(HOST, port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory;
    }

    /**
     * Returns a queue name no other test uses; the queue and its dead-letter queue are deleted on close.
     */
    String queue(String name) {
        String queue = "apscheduler-test." + name + "." + this.suffix;
        this.queues.add(queue);
        this.queues.add(queue + AmqpRoute.DEAD_LETTER_SUFFIX);
        return queue;
    }

    /**
     * Returns an exchange name no other test uses; the exchange is deleted on close.
     */
    String exchange(String name) {
        String exchange = "apscheduler-test." + name + "." + this.suffix;
        this.exchanges.add(exchange);
        return exchange;
    }

    CachingConnectionFactory connectionFactory() {
        return this.admin;
    }

    @Override
    public void close() {
        RabbitAdmin rabbitAdmin = new RabbitAdmin(this.admin);
        this.queues.forEach(rabbitAdmin::deleteQueue);
        this.exchanges.forEach(rabbitAdmin::deleteExchange);
        this.admin.destroy();
    }

}
