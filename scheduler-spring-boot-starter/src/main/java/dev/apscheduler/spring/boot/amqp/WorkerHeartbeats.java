package dev.apscheduler.spring.boot.amqp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workers' heartbeats on the fanout exchange {@value #EXCHANGE}: short-lived, non-persistent messages with the
 * worker's name, queues, concurrency and prefetch, like Celery's worker heartbeat events.
 */
final class WorkerHeartbeats {

    /** The fanout exchange heartbeats are published to. */
    static final String EXCHANGE = "apscheduler.workers";

    private static final Logger logger = LoggerFactory.getLogger(WorkerHeartbeats.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AmqpBroker broker;

    private final RabbitTemplate template;

    private volatile boolean declared;

    WorkerHeartbeats(AmqpBroker broker) {
        this.broker = broker;
        this.template = new RabbitTemplate(broker.connectionFactory());
    }

    void send(WorkerInfo worker) {
        try {
            declare(this.broker);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", worker.name());
            body.put("queues", worker.queues());
            body.put("concurrency", worker.concurrency());
            body.put("prefetch", worker.prefetch());
            MessageProperties properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            properties.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
            properties.setExpiration("60000");
            this.template.send(EXCHANGE, "", new Message(JSON.writeValueAsBytes(body), properties));
            this.declared = true;
        }
        catch (AmqpException ex) {
            this.declared = false;
            logger.debug("Heartbeat of worker '{}' not sent: {}", worker.name(), ex.getMessage());
        }
    }

    private void declare(AmqpBroker broker) {
        if (!this.declared) {
            declareExchange(broker);
        }
    }

    static void declareExchange(AmqpBroker broker) {
        new RabbitAdmin(broker.connectionFactory()).declareExchange(new FanoutExchange(EXCHANGE, true, false));
    }

    @SuppressWarnings("unchecked")
    static WorkerInfo read(byte[] body) {
        Map<String, Object> map = JSON.readValue(body, Map.class);
        Object queues = map.get("queues");
        return new WorkerInfo(String.valueOf(map.get("name")),
                (queues instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of(),
                ((Number) map.getOrDefault("concurrency", 0)).intValue(),
                ((Number) map.getOrDefault("prefetch", 0)).intValue(), null);
    }

}
