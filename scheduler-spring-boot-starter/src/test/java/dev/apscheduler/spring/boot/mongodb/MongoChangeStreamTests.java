package dev.apscheduler.spring.boot.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wake-up across instances through change streams: on a server that offers them (here the in-process server with
 * its oplog, which serves change streams as a replica set does), an add or modification made by one store instance
 * wakes the others at once, not the instance that made it, and acquire steps wake no one; on a server without them
 * the store says so and relies on {@code max-wait}; turned off, the store does not watch.
 */
class MongoChangeStreamTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final List<MongoJobStore> stores = new ArrayList<>();

    private final List<MongoClient> clients = new ArrayList<>();

    private final List<MongoServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        this.stores.forEach(MongoJobStore::shutdown);
        this.clients.forEach(MongoClient::close);
        this.servers.forEach(MongoServer::shutdownNow);
    }

    @Test
    void onAServerWithChangeStreamsAnotherInstancesAddsAndModificationsWakeTheSchedulerAtOnce() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.enableOplog();
        this.servers.add(server);
        String uri = server.bindAndGetConnectionString();
        MongoJobStoreSettings settings = MongoJobStoreSettings.defaults().withCollection("apscheduler", "changes")
            .withChangeStreams(true);
        AtomicInteger local = new AtomicInteger();
        AtomicInteger remote = new AtomicInteger();
        MongoJobStore changing = start(uri, settings, local::incrementAndGet);
        MongoJobStore listening = start(uri, settings, remote::incrementAndGet);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> listening.changeStreamState() == MongoChangeListener.State.WATCHING
                    && changing.changeStreamState() == MongoChangeListener.State.WATCHING);
        changing.addJob(job("a", T0));
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() == 1);
        changing.modifyJob("a", (job) -> job.withNextRunTime(T0.minusMinutes(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() == 2);
        changing.updateJob(job("a", T0.minusMinutes(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() == 3);
        // an acquire step's claim and decision, and a removal, make nothing due sooner
        assertThat(changing.acquireDueJobs(T0.toInstant(), 10,
                (job) -> JobDecision.reschedule(List.of(T0.minusMinutes(2)), T0.plusHours(1))))
            .extracting((acquired) -> acquired.job().id()).containsExactly("a");
        changing.removeJob("a");
        changing.addJob(job("b", T0));
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() >= 4);
        assertThat(remote.get()).isEqualTo(4);
        listening.addJob(job("c", T0));
        await().atMost(Duration.ofSeconds(10)).until(() -> local.get() == 1);
        assertThat(remote.get()).isEqualTo(4);
    }

    @Test
    void onAServerWithoutChangeStreamsTheStoreSaysSoAndReliesOnMaxWait() {
        MongoServer server = new MongoServer(new StandaloneBackend());
        this.servers.add(server);
        String uri = server.bindAndGetConnectionString();
        MongoJobStore store = start(uri, MongoJobStoreSettings.defaults().withCollection("apscheduler", "plain"),
                () -> { });
        await().atMost(Duration.ofSeconds(10))
            .until(() -> store.changeStreamState() == MongoChangeListener.State.UNSUPPORTED);
        store.addJob(job("a", T0));
        assertThat(store.lookupJob("a")).isPresent();
    }

    @Test
    void turnedOffTheStoreDoesNotWatch() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.enableOplog();
        this.servers.add(server);
        MongoJobStore store = start(server.bindAndGetConnectionString(),
                MongoJobStoreSettings.defaults().withChangeStreams(false), () -> { });
        assertThat(store.changeStreamState()).isNull();
    }

    /**
     * The in-process server answering a change stream as a MongoDB server that is not part of a replica set does
     * (error 40573), where the test server itself would open one that never reports a change.
     */
    static final class StandaloneBackend extends MemoryBackend {

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if ("aggregate".equalsIgnoreCase(command) && query.get("pipeline") instanceof List<?> pipeline
                    && !pipeline.isEmpty() && pipeline.get(0) instanceof Document first
                    && first.containsKey("$changeStream")) {
                throw new MongoServerError(40573, "Location40573",
                        "The $changeStream stage is only supported on replica sets");
            }
            return super.handleCommand(channel, database, command, query);
        }

    }

    private MongoJobStore start(String uri, MongoJobStoreSettings settings, Runnable wakeup) {
        MongoClient client = MongoTestServer.client(uri);
        this.clients.add(client);
        MongoJobStore store = new MongoJobStore(client, settings);
        store.start(context(wakeup));
        this.stores.add(store);
        return store;
    }

    private static Job job(String id, ZonedDateTime next) {
        return Job.builder().id(id).task(TaskReference.named("report")).trigger(Triggers.date(next))
            .jobstore("default").nextRunTime(next).build();
    }

    private static JobStoreContext context(Runnable wakeup) {
        return JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC, (failure) -> { }).withWakeup(wakeup);
    }

}
