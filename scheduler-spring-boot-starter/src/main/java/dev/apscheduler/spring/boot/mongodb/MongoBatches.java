package dev.apscheduler.spring.boot.mongodb;

import static com.mongodb.client.model.Filters.in;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The store's bulk add: which ids of a batch are stored (one query), and an ordered {@code insertMany} (one round
 * trip) whose partial success on a duplicate key is taken back, so that a batch is stored whole or not at all without
 * needing a replica set's transactions.
 */
final class MongoBatches {

    private MongoBatches() {
    }

    /**
     * Returns which of the ids the collection holds.
     * @param collection the store's collection
     * @param ids the ids
     * @return the stored ones
     */
    static Set<String> storedIds(MongoCollection<BsonDocument> collection, List<String> ids) {
        Set<String> stored = new HashSet<>();
        for (BsonDocument document : collection.find(in(JobDocuments.ID, ids))
            .projection(Projections.include(JobDocuments.ID))) {
            stored.add(JobDocuments.id(document));
        }
        return stored;
    }

    /**
     * Inserts the documents in order, or none of them.
     * @param collection the store's collection
     * @param documents the new documents
     * @return {@code null} when every document was inserted, else the id of the first that another one holds (the
     * documents inserted before it have been removed again)
     */
    static @Nullable String insertAll(MongoCollection<BsonDocument> collection, List<BsonDocument> documents) {
        if (documents.isEmpty()) {
            return null;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(true));
            return null;
        }
        catch (MongoBulkWriteException ex) {
            BulkWriteError error = ex.getWriteErrors().isEmpty() ? null : ex.getWriteErrors().get(0);
            if (error == null || ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw ex;
            }
            // an ordered insert stops at its first error: the documents before it are stored and are taken back
            List<BsonValue> inserted = documents.subList(0, error.getIndex()).stream()
                .map((document) -> document.get(JobDocuments.ID)).toList();
            if (!inserted.isEmpty()) {
                collection.deleteMany(in(JobDocuments.ID, inserted));
            }
            return JobDocuments.id(documents.get(error.getIndex()));
        }
    }

}
