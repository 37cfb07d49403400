package dev.apscheduler.spring.boot.mongodb;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobStoreContext;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns jobs into documents and documents back into jobs. The job's state is the JSON the scheduler's codec writes,
 * kept as a sub-document ({@value #STATE}) whose values keep their JSON types (strings, booleans, 32- and 64-bit
 * integers, doubles, nulls, arrays, documents in the same key order), so that it reads back as exactly the same JSON.
 * A state that a document cannot hold exactly (a number beyond a 64-bit integer or a double, a key starting with
 * {@code $} or holding a dot) is kept as the JSON text in {@value #STATE_JSON} instead. Times are epoch microseconds:
 * a due time rounded up, the current time rounded down, so that no job is claimed before it is due.
 */
final class JobDocuments {

    /** The job's id. */
    static final String ID = "_id";

    /** The job's due time in epoch microseconds, or {@code null} when it is paused. */
    static final String NEXT_RUN_TIME = "next_run_time";

    /** The job's state as a sub-document. */
    static final String STATE = "state";

    /** The job's state as JSON text, when a sub-document cannot hold it exactly. */
    static final String STATE_JSON = "state_json";

    /** The acquire step holding the job. */
    static final String CLAIM_OWNER = "claim_owner";

    /** Until when the claim holds, in epoch milliseconds of the wall clock. */
    static final String CLAIM_UNTIL = "claim_until";

    /** Increased by every write of the job's state. */
    static final String VERSION = "version";

    /** Why the job cannot be restored; absent when it can. */
    static final String RESTORE_ERROR = "restore_error";

    /**
     * Who made the last change through the store's API (an add, replacement or modification, not an acquire step):
     * the store instance's id and a sequence number, so that change streams can tell other instances' changes.
     */
    static final String CHANGED_BY = "changed_by";

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JobStoreContext context;

    JobDocuments(JobStoreContext context) {
        this.context = context;
    }

    String alias() {
        return this.context.alias();
    }

    void report(JobRestoreException failure) {
        this.context.reportUnrestorableJob(failure);
    }

    /**
     * Returns the fields that hold a job's state and due time: {@value #NEXT_RUN_TIME} and either {@value #STATE}
     * or {@value #STATE_JSON}; the other one is to be removed.
     */
    BsonDocument stateFields(Job job) {
        String json = this.context.codec().encode(job.withJobstore(this.context.alias()));
        BsonDocument fields = new BsonDocument();
        fields.put(NEXT_RUN_TIME, dueTime(job));
        BsonDocument state = toDocument(json);
        if (state != null) {
            fields.put(STATE, state);
        }
        else {
            fields.put(STATE_JSON, new BsonString(json));
        }
        return fields;
    }

    /**
     * Restores the job of a document.
     * @throws JobRestoreException naming the document's id if the state cannot be restored or names another id
     */
    Job decode(BsonDocument document) {
        String id = id(document);
        Job job;
        try {
            job = this.context.codec().decode(json(document), this.context.alias());
        }
        catch (JobRestoreException ex) {
            if (ex.jobId().equals(id)) {
                throw ex;
            }
            throw new JobRestoreException(id, detail(ex), ex);
        }
        catch (RuntimeException ex) {
            throw new JobRestoreException(id, String.valueOf(ex.getMessage()), ex);
        }
        if (!job.id().equals(id)) {
            throw new JobRestoreException(id, "its stored state names the id '" + job.id() + "'",
                    new IllegalStateException("id mismatch"));
        }
        return job;
    }

    static String id(BsonDocument document) {
        BsonValue id = document.get(ID);
        return (id != null && id.isString()) ? id.asString().getValue() : String.valueOf(id);
    }

    private static String json(BsonDocument document) {
        BsonValue state = document.get(STATE);
        if (state != null && state.isDocument()) {
            return JSON.writeValueAsString(toNode(state));
        }
        BsonValue text = document.get(STATE_JSON);
        if (text != null && text.isString()) {
            return text.asString().getValue();
        }
        throw new IllegalStateException("the document holds neither a '" + STATE + "' document nor a '"
                + STATE_JSON + "' string");
    }

    private static String detail(JobRestoreException ex) {
        String message = String.valueOf(ex.getMessage());
        String prefix = "Job '" + ex.jobId() + "' cannot be restored: ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /**
     * Converts the codec's JSON to a document that converts back to the very same text, or returns {@code null}.
     */
    static @Nullable BsonDocument toDocument(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        }
        catch (JacksonException ex) {
            return null;
        }
        BsonValue value = toBson(tree);
        if (!(value instanceof BsonDocument document)) {
            return null;
        }
        return JSON.writeValueAsString(toNode(document)).equals(json) ? document : null;
    }

    private static @Nullable BsonValue toBson(JsonNode node) {
        if (node.isObject()) {
            BsonDocument document = new BsonDocument();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String key = property.getKey();
                BsonValue value = toBson(property.getValue());
                if (value == null || key.startsWith("$") || key.indexOf('.') >= 0 || key.indexOf('\0') >= 0) {
                    return null;
                }
                document.put(key, value);
            }
            return document;
        }
        if (node.isArray()) {
            BsonArray array = new BsonArray();
            for (JsonNode element : node.values()) {
                BsonValue value = toBson(element);
                if (value == null) {
                    return null;
                }
                array.add(value);
            }
            return array;
        }
        if (node.isString()) {
            return new BsonString(node.stringValue());
        }
        if (node.isBoolean()) {
            return BsonBoolean.valueOf(node.booleanValue());
        }
        if (node.isNull()) {
            return BsonNull.VALUE;
        }
        if (node.isInt()) {
            return new BsonInt32(node.intValue());
        }
        if (node.isLong()) {
            return new BsonInt64(node.longValue());
        }
        if (node.isDouble()) {
            return new BsonDouble(node.doubleValue());
        }
        return null;
    }

    private static JsonNode toNode(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOCUMENT -> {
                ObjectNode object = NODES.objectNode();
                value.asDocument().forEach((key, field) -> object.set(key, toNode(field)));
                yield object;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                value.asArray().forEach((element) -> array.add(toNode(element)));
                yield array;
            }
            case STRING -> NODES.stringNode(value.asString().getValue());
            case BOOLEAN -> NODES.booleanNode(value.asBoolean().getValue());
            case NULL -> NODES.nullNode();
            case INT32 -> NODES.numberNode(value.asInt32().getValue());
            case INT64 -> NODES.numberNode(value.asInt64().getValue());
            case DOUBLE -> NODES.numberNode(value.asDouble().getValue());
            default -> throw new IllegalStateException("unexpected " + value.getBsonType() + " value in a job's state");
        };
    }

    /**
     * The value of {@value #NEXT_RUN_TIME}: the job's due time, which a waiting retry can bring forward.
     */
    static BsonValue dueTime(Job job) {
        return job.dueTime().map(ZonedDateTime::toInstant).<BsonValue>map((time) -> new BsonInt64(ceilMicros(time)))
            .orElse(BsonNull.VALUE);
    }

    static @Nullable Instant nextRunTime(BsonDocument document) {
        BsonValue value = document.get(NEXT_RUN_TIME);
        return (value != null && value.isNumber()) ? instant(value.asNumber().longValue()) : null;
    }

    static long ceilMicros(Instant instant) {
        long micros = (instant.getNano() + 999) / 1000;
        return saturated(instant.getEpochSecond(), micros);
    }

    static long floorMicros(Instant instant) {
        return saturated(instant.getEpochSecond(), instant.getNano() / 1000);
    }

    private static long saturated(long seconds, long micros) {
        try {
            return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), micros);
        }
        catch (ArithmeticException ex) {
            return (seconds < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

}
