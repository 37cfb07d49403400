package dev.apscheduler.spring.boot.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the MongoDB store keeps and how: one readable document per job, its index, the claims of acquire steps and
 * their lease, and documents that cannot be restored.
 */
class MongoJobStoreDocumentTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final MongoJobStoreSettings SETTINGS = MongoJobStoreSettings.defaults()
        .withCollection("apscheduler_documents", "jobs");

    private final List<JobRestoreException> restoreFailures = new CopyOnWriteArrayList<>();

    private final MutableClock clock = MutableClock.at(T0);

    private final List<MongoJobStore> stores = new ArrayList<>();

    private MongoClient client;

    private MongoCollection<BsonDocument> collection;

    @BeforeEach
    void connect() {
        this.client = MongoTestServer.client();
        this.collection = this.client.getDatabase(SETTINGS.database())
            .getCollection(SETTINGS.collection(), BsonDocument.class);
        this.collection.drop();
    }

    @AfterEach
    void disconnect() {
        this.stores.forEach(MongoJobStore::shutdown);
        this.client.close();
    }

    private MongoJobStore start(MongoJobStoreSettings settings) {
        MongoJobStore store = new MongoJobStore(this.client, settings);
        store.start(JobStoreContext.of("default", this.clock, ZoneOffset.UTC, this.restoreFailures::add));
        this.stores.add(store);
        return store;
    }

    private static Job job(String id, ZonedDateTime next) {
        return Job.builder().id(id).task(TaskReference.named("report")).trigger(Triggers.date(T0.plusHours(1)))
            .jobstore("default").nextRunTime(next).build();
    }

    @Test
    void aJobIsOneDocumentWithItsIdItsDueTimeAndItsStateAsASubDocument() {
        MongoJobStore store = start(SETTINGS);
        Job job = job("report", T0.plusNanos(1_500)).toBuilder().name("Daily report").args(1, "two", 3.5, true)
            .kwargs(Map.of("to", "ops", "nested", Map.of("a", List.of(1, 2)))).build();
        store.addJob(job);
        BsonDocument document = this.collection.find(Filters.eq("_id", "report")).first();
        assertThat(document).isNotNull();
        assertThat(document.keySet()).containsExactlyInAnyOrder("_id", "next_run_time", "state", "version",
                "changed_by");
        // who added it, for the change streams of other instances
        assertThat(document.getString("changed_by").getValue()).endsWith(":1");
        // the due time in epoch microseconds, rounded up so that the job is never claimed early
        assertThat(document.getInt64("next_run_time").getValue())
            .isEqualTo(T0.toInstant().getEpochSecond() * 1_000_000 + 2);
        BsonDocument state = document.getDocument("state");
        assertThat(state.getString("id").getValue()).isEqualTo("report");
        assertThat(state.getString("name").getValue()).isEqualTo("Daily report");
        assertThat(state.getArray("args").get(2).getBsonType()).isEqualTo(BsonType.DOUBLE);
        assertThat(state.getDocument("kwargs").getDocument("nested").getArray("a")).hasSize(2);
        assertThat(store.lookupJob("report")).contains(job);
    }

    @Test
    void stateThatADocumentCannotHoldExactlyIsKeptAsJsonText() {
        MongoJobStore store = start(SETTINGS);
        Job job = job("odd", T0).toBuilder()
            .kwargs(Map.of("$where", 1, "a.b", 2))
            .build();
        store.addJob(job);
        BsonDocument document = this.collection.find(Filters.eq("_id", "odd")).first();
        assertThat(document).isNotNull();
        assertThat(document.containsKey("state")).isFalse();
        assertThat(document.getString("state_json").getValue()).contains("\"$where\"").contains("\"a.b\"");
        assertThat(store.lookupJob("odd")).contains(job);
        store.updateJob(job("odd", T0));
        BsonDocument replaced = this.collection.find(Filters.eq("_id", "odd")).first();
        assertThat(replaced.keySet()).contains("state").doesNotContain("state_json");
    }

    @Test
    void theStoreCreatesItsIndexOnTheDueTimeUnlessTurnedOff() {
        start(SETTINGS.withCollection(SETTINGS.database(), "indexed"));
        start(new MongoJobStoreSettings(SETTINGS.database(), "unindexed", Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(10), false)).addJob(job("a", T0));
        MongoCollection<BsonDocument> indexed = this.client.getDatabase(SETTINGS.database())
            .getCollection("indexed", BsonDocument.class);
        MongoCollection<BsonDocument> unindexed = this.client.getDatabase(SETTINGS.database())
            .getCollection("unindexed", BsonDocument.class);
        assertThat(indexed.listIndexes(BsonDocument.class).into(new ArrayList<>()))
            .anySatisfy((index) -> assertThat(index.getDocument("key").keySet()).containsExactly("next_run_time"));
        assertThat(unindexed.listIndexes(BsonDocument.class).into(new ArrayList<>()))
            .noneSatisfy((index) -> assertThat(index.getDocument("key").keySet()).contains("next_run_time"));
        indexed.drop();
        unindexed.drop();
    }

    @Test
    void aClaimThatStillHoldsKeepsTheJobFromOtherStepsUntilItsLeasePasses() {
        MongoJobStore store = start(SETTINGS);
        store.addJob(job("a", T0));
        long leaseEnd = Clock.systemUTC().millis() + 60_000;
        this.collection.updateOne(Filters.eq("_id", "a"),
                Updates.combine(Updates.set("claim_owner", "stopped-instance"), Updates.set("claim_until", leaseEnd)));
        assertThat(store.acquireDueJobs(T0.toInstant(), 10, advanceOneMinute())).isEmpty();
        // seen as due when the lease ends, so that a scheduler does not keep asking for it before
        assertThat(store.nextRunTime()).contains(T0.toInstant());
        this.collection.updateOne(Filters.eq("_id", "a"), Updates.set("claim_until", Clock.systemUTC().millis() - 1));
        List<AcquiredJob> acquired = store.acquireDueJobs(T0.toInstant(), 10, advanceOneMinute());
        assertThat(acquired).extracting((claimed) -> claimed.job().id()).containsExactly("a");
        BsonDocument document = this.collection.find(Filters.eq("_id", "a")).first();
        assertThat(document.keySet()).doesNotContain("claim_owner", "claim_until");
        assertThat(document.getInt64("version").getValue()).isEqualTo(1);
    }

    @Test
    void nextRunTimeOfAJobClaimedLaterThanItIsDueIsTheLeaseEnd() {
        MongoJobStore store = start(SETTINGS);
        ZonedDateTime soon = ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        store.addJob(job("a", soon));
        long leaseEnd = Clock.systemUTC().millis() + 60_000;
        this.collection.updateOne(Filters.eq("_id", "a"),
                Updates.combine(Updates.set("claim_owner", "stopped-instance"), Updates.set("claim_until", leaseEnd)));
        assertThat(store.nextRunTime()).contains(Instant.ofEpochMilli(leaseEnd));
    }

    @Test
    void aChangeMadeWhileAJobIsClaimedWinsOverTheClaimsDecision() {
        MongoJobStore store = start(SETTINGS);
        store.addJob(job("a", T0));
        List<AcquiredJob> acquired = store.acquireDueJobs(T0.toInstant(), 10, (claimed) -> {
            store.modifyJob("a", (job) -> job.toBuilder().name("renamed").build());
            return JobDecision.reschedule(List.of(claimed.nextRunTime().orElseThrow()), T0.plusMinutes(1));
        });
        assertThat(acquired).isEmpty();
        Job stored = store.lookupJob("a").orElseThrow();
        assertThat(stored.name()).isEqualTo("renamed");
        assertThat(stored.nextRunTime()).contains(T0);
        assertThat(store.acquireDueJobs(T0.toInstant(), 10, (claimed) -> JobDecision
            .reschedule(List.of(claimed.nextRunTime().orElseThrow()), T0.plusMinutes(1)))).hasSize(1);
    }

    @Test
    void unrestorableDocumentsAreMarkedListedAndCheckedAgainAtStart() {
        MongoJobStore store = start(SETTINGS);
        store.addJob(job("fine", T0));
        this.collection.updateOne(Filters.eq("_id", "fine"),
                Updates.set("state", new BsonDocument("id", new BsonString("fine"))));
        assertThat(store.lookupJob("fine")).isEmpty();
        assertThat(this.restoreFailures).extracting(JobRestoreException::jobId).containsExactly("fine");
        assertThat(store.unrestorableJobs()).singleElement().satisfies((unrestorable) -> {
            assertThat(unrestorable.jobId()).isEqualTo("fine");
            assertThat(unrestorable.nextRunTime()).isEqualTo(T0.toInstant());
        });
        assertThat(this.collection.find(Filters.eq("_id", "fine")).first().getString("restore_error").getValue())
            .contains("fine");
        // repaired behind the store's back: a store starting later finds it restorable again
        this.collection.updateOne(Filters.eq("_id", "fine"), Updates.unset("state"));
        this.collection.updateOne(Filters.eq("_id", "fine"), Updates.set("state_json",
                new JobDocumentsAccess(this.clock).json(job("fine", T0))));
        MongoJobStore restarted = start(SETTINGS);
        assertThat(restarted.unrestorableJobs()).isEmpty();
        assertThat(restarted.lookupJob("fine")).contains(job("fine", T0));
    }

    private static dev.apscheduler.store.DueJobDecider advanceOneMinute() {
        return (job) -> {
            ZonedDateTime due = job.nextRunTime().orElseThrow();
            return JobDecision.reschedule(List.of(due), due.plusMinutes(1));
        };
    }

    /**
     * The JSON the scheduler's codec writes for a job.
     */
    private record JobDocumentsAccess(Clock clock) {

        String json(Job job) {
            return JobStoreContext.of("default", this.clock, ZoneId.of("UTC")).codec().encode(job);
        }

    }

}
