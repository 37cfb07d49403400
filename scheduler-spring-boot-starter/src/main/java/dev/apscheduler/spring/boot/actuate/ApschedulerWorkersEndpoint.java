package dev.apscheduler.spring.boot.actuate;

import java.time.Instant;
import java.util.List;

import dev.apscheduler.spring.boot.amqp.WorkerDirectory;
import dev.apscheduler.spring.boot.amqp.WorkerInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code apschedulerworkers} endpoint: the RabbitMQ workers heard from recently (by their heartbeats), with the
 * queues they consume.
 */
@Endpoint(id = "apschedulerworkers")
public class ApschedulerWorkersEndpoint {

    private final WorkerDirectory directory;

    /**
     * Creates the endpoint.
     * @param directory the workers seen
     */
    public ApschedulerWorkersEndpoint(WorkerDirectory directory) {
        this.directory = directory;
    }

    /**
     * Lists the workers seen recently.
     * @return the workers
     */
    @ReadOperation
    public WorkersDescriptor workers() {
        return new WorkersDescriptor(this.directory.recentWorkers().stream().map(WorkerDescriptor::of).toList());
    }

    /**
     * The workers seen recently.
     * @param workers the workers, by name
     */
    public record WorkersDescriptor(List<WorkerDescriptor> workers) implements OperationResponseBody {
    }

    /**
     * One worker.
     * @param name its name
     * @param queues the queues it consumes
     * @param concurrency how many runs it executes at once
     * @param prefetch how many unacknowledged messages each consumer may hold
     * @param lastSeen when its last heartbeat arrived
     */
    public record WorkerDescriptor(String name, List<String> queues, int concurrency, int prefetch,
            @Nullable Instant lastSeen) {

        static WorkerDescriptor of(WorkerInfo worker) {
            return new WorkerDescriptor(worker.name(), worker.queues(), worker.concurrency(), worker.prefetch(),
                    worker.lastSeen());
        }

    }

}
