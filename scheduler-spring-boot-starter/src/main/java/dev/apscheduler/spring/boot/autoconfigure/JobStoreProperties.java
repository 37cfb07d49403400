package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.store.MemoryJobStore;
import org.jspecify.annotations.Nullable;

/**
 * One job store of {@code apscheduler.jobstores.<alias>}: its type and settings, handed to the store type's factory
 * as its options.
 */
public class JobStoreProperties {

    /**
     * Store type: 'memory', 'jpa' ('sqlalchemy' is accepted for 'jpa'), 'redis', 'mongodb', 'zookeeper', or a type
     * another module registers.
     */
    private String type = MemoryJobStore.TYPE;

    /**
     * Longest time the scheduler sleeps before looking at a shared store again, so that changes made by other
     * instances are seen within this delay.
     */
    private @Nullable Duration maxWait;

    /**
     * How far ahead of their run time the scheduler claims the store's jobs, so that many jobs due at one instant
     * start at that instant (the 'jpa' store: 250ms by default; 0 claims jobs only once due).
     */
    private @Nullable Duration lookAhead;

    /**
     * How many jobs the scheduler's addJobs hands the store at a time, each batch in one transaction or round trip
     * (500 by default).
     */
    private @Nullable Integer batchSize;

    /**
     * Name of the hash of job states of a 'redis' store (default 'apscheduler.jobs'); shares its hash tag with the
     * run times key.
     */
    private @Nullable String jobsKey;

    /**
     * Name of the sorted set of run times of a 'redis' store (default 'apscheduler.run_times'); shares its hash tag
     * with the jobs key.
     */
    private @Nullable String runTimesKey;

    /**
     * Database the 'mongodb' store keeps its jobs in ('apscheduler' by default).
     */
    private @Nullable String database;

    /**
     * Collection the 'mongodb' store keeps its jobs in ('jobs' by default).
     */
    private @Nullable String collection;

    /**
     * How long an acquire step's claim on a job of a 'redis' or 'mongodb' store holds before another instance may
     * take the job over (10s by default).
     */
    private @Nullable Duration claimLease;

    /**
     * How long a run slot of a job whose max-instances-scope is 'cluster' is held without renewal (30s by default):
     * how long the run of an instance that died keeps counting towards the job's max-instances. Scheduler instances
     * renew their slots at a third of it. For every store type shipped.
     */
    private @Nullable Duration runSlotLease;

    /**
     * Whether the 'mongodb' store creates its index on 'next_run_time' when it starts (true by default).
     */
    private @Nullable Boolean createIndexes;

    /**
     * Whether the 'mongodb' store watches its collection with a change stream where the server offers them (a
     * replica set or a sharded cluster), so that another instance's change wakes the scheduler at once (true by
     * default; without change streams, 'max-wait' bounds how late such a change is seen).
     */
    private @Nullable Boolean changeStreams;

    /**
     * Whether instances of a 'jpa' store on PostgreSQL wake each other at once through LISTEN/NOTIFY when they add or
     * change jobs (true by default; each instance holds one connection of the data source for listening). Other
     * databases rely on 'max-wait'.
     */
    private @Nullable Boolean listenNotify;

    /**
     * ZooKeeper connect string of a 'zookeeper' store's own client, for example 'zk1:2181,zk2:2181,zk3:2181'; without
     * it the store uses the CuratorFramework bean qualified @ApschedulerCuratorFramework (or the application's only
     * one).
     */
    private @Nullable String connectString;

    /**
     * Session timeout of a 'zookeeper' store's own client (10s by default): how long after an instance stops answering
     * its claims disappear.
     */
    private @Nullable Duration sessionTimeout;

    /**
     * Connection timeout of a 'zookeeper' store's own client (5s by default).
     */
    private @Nullable Duration connectionTimeout;

    /**
     * First sleep of the exponential back-off retry policy of a 'zookeeper' store's own client (100ms by default).
     */
    private @Nullable Duration retryBaseSleep;

    /**
     * Longest sleep of the exponential back-off retry policy of a 'zookeeper' store's own client (5s by default).
     */
    private @Nullable Duration retryMaxSleep;

    /**
     * How often a 'zookeeper' store's own client retries an operation that lost its connection (3 by default).
     */
    private @Nullable Integer retryMaxRetries;

    /**
     * Curator namespace of a 'zookeeper' store's own client: a path prefix, without a leading '/', under which every
     * znode is kept.
     */
    private @Nullable String namespace;

    /**
     * Digest credentials 'user:password' a 'zookeeper' store's own client authenticates with.
     */
    private @Nullable String digest;

    /**
     * ACL of the znodes a 'zookeeper' store's own client creates: 'open' (anyone; the default without digest
     * credentials) or 'creator' (only the digest's user; the default with them).
     */
    private @Nullable String acl;

    /**
     * Base path of the znodes of a 'zookeeper' store ('/apscheduler' by default).
     */
    private @Nullable String path;

    /**
     * Further settings of the store type, passed to it by name.
     */
    private final Map<String, String> options = new LinkedHashMap<>();

    /**
     * Returns the store type.
     * @return the type
     */
    public String getType() {
        return this.type;
    }

    /**
     * Sets the store type.
     * @param type the type, for example {@code memory} or {@code jpa}
     */
    public void setType(String type) {
        this.type = type;
    }

    /**
     * Returns the longest time the scheduler sleeps before looking at the store again.
     * @return the delay, or {@code null} for the store's default
     */
    public @Nullable Duration getMaxWait() {
        return this.maxWait;
    }

    /**
     * Sets the longest time the scheduler sleeps before looking at the store again.
     * @param maxWait the delay, or {@code null} for the store's default
     */
    public void setMaxWait(@Nullable Duration maxWait) {
        this.maxWait = maxWait;
    }

    /**
     * Returns how many jobs {@code addJobs} hands the store at a time.
     * @return the batch size, or {@code null} for the store's default
     */
    public @Nullable Integer getBatchSize() {
        return this.batchSize;
    }

    /**
     * Sets how many jobs {@code addJobs} hands the store at a time.
     * @param batchSize the batch size, at least one, or {@code null} for the store's default
     */
    public void setBatchSize(@Nullable Integer batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * Returns how far ahead of their run time the scheduler claims the store's jobs.
     * @return the window, or {@code null} for the store's default
     */
    public @Nullable Duration getLookAhead() {
        return this.lookAhead;
    }

    /**
     * Sets how far ahead of their run time the scheduler claims the store's jobs.
     * @param lookAhead the window, or {@code null} for the store's default
     */
    public void setLookAhead(@Nullable Duration lookAhead) {
        this.lookAhead = lookAhead;
    }

    /**
     * Returns the name of the hash of job states of a {@code redis} store.
     * @return the name, or {@code null} for the default
     */
    public @Nullable String getJobsKey() {
        return this.jobsKey;
    }

    /**
     * Sets the name of the hash of job states of a {@code redis} store.
     * @param jobsKey the name, or {@code null} for the default
     */
    public void setJobsKey(@Nullable String jobsKey) {
        this.jobsKey = jobsKey;
    }

    /**
     * Returns the name of the sorted set of run times of a {@code redis} store.
     * @return the name, or {@code null} for the default
     */
    public @Nullable String getRunTimesKey() {
        return this.runTimesKey;
    }

    /**
     * Sets the name of the sorted set of run times of a {@code redis} store.
     * @param runTimesKey the name, or {@code null} for the default
     */
    public void setRunTimesKey(@Nullable String runTimesKey) {
        this.runTimesKey = runTimesKey;
    }

    /**
     * Returns the database of a 'mongodb' store.
     * @return the name, or {@code null} for the store's default
     */
    public @Nullable String getDatabase() {
        return this.database;
    }

    /**
     * Sets the database of a 'mongodb' store.
     * @param database the name, or {@code null} for the store's default
     */
    public void setDatabase(@Nullable String database) {
        this.database = database;
    }

    /**
     * Returns the collection of a 'mongodb' store.
     * @return the name, or {@code null} for the store's default
     */
    public @Nullable String getCollection() {
        return this.collection;
    }

    /**
     * Sets the collection of a 'mongodb' store.
     * @param collection the name, or {@code null} for the store's default
     */
    public void setCollection(@Nullable String collection) {
        this.collection = collection;
    }

    /**
     * Returns how long a claim holds in a 'redis' or 'mongodb' store before another instance takes the job over.
     * @return the lease, or {@code null} for the store's default
     */
    public @Nullable Duration getClaimLease() {
        return this.claimLease;
    }

    /**
     * Sets how long a claim holds in a 'redis' or 'mongodb' store before another instance takes the job over.
     * @param claimLease the lease, or {@code null} for the store's default
     */
    public void setClaimLease(@Nullable Duration claimLease) {
        this.claimLease = claimLease;
    }

    /**
     * Returns how long a run slot of a job counted across the cluster is held without renewal.
     * @return the lease, or {@code null} for the store's default
     */
    public @Nullable Duration getRunSlotLease() {
        return this.runSlotLease;
    }

    /**
     * Sets how long a run slot of a job counted across the cluster is held without renewal.
     * @param runSlotLease the lease, or {@code null} for the store's default
     */
    public void setRunSlotLease(@Nullable Duration runSlotLease) {
        this.runSlotLease = runSlotLease;
    }

    /**
     * Returns whether a 'mongodb' store creates its index at start.
     * @return whether it does, or {@code null} for the store's default
     */
    public @Nullable Boolean getCreateIndexes() {
        return this.createIndexes;
    }

    /**
     * Sets whether a 'mongodb' store creates its index at start.
     * @param createIndexes whether it does, or {@code null} for the store's default
     */
    public void setCreateIndexes(@Nullable Boolean createIndexes) {
        this.createIndexes = createIndexes;
    }

    /**
     * Returns whether a 'mongodb' store watches its collection with a change stream where the server can.
     * @return whether it does, or {@code null} for the store's default
     */
    public @Nullable Boolean getChangeStreams() {
        return this.changeStreams;
    }

    /**
     * Sets whether a 'mongodb' store watches its collection with a change stream where the server can.
     * @param changeStreams whether it does, or {@code null} for the store's default
     */
    public void setChangeStreams(@Nullable Boolean changeStreams) {
        this.changeStreams = changeStreams;
    }

    /**
     * Returns whether instances of a 'jpa' store on PostgreSQL wake each other through LISTEN/NOTIFY.
     * @return whether they do, or {@code null} for the store's default
     */
    public @Nullable Boolean getListenNotify() {
        return this.listenNotify;
    }

    /**
     * Sets whether instances of a 'jpa' store on PostgreSQL wake each other through LISTEN/NOTIFY.
     * @param listenNotify whether they do, or {@code null} for the store's default
     */
    public void setListenNotify(@Nullable Boolean listenNotify) {
        this.listenNotify = listenNotify;
    }

    /**
     * Returns the connect-string setting of a 'zookeeper' store.
     * @return the connect string, or {@code null} for the store's default
     */
    public @Nullable String getConnectString() {
        return this.connectString;
    }

    /**
     * Sets the connect-string setting of a 'zookeeper' store.
     * @param connectString the connect string, or {@code null} for the store's default
     */
    public void setConnectString(@Nullable String connectString) {
        this.connectString = connectString;
    }

    /**
     * Returns the session-timeout setting of a 'zookeeper' store.
     * @return the timeout, or {@code null} for the store's default
     */
    public @Nullable Duration getSessionTimeout() {
        return this.sessionTimeout;
    }

    /**
     * Sets the session-timeout setting of a 'zookeeper' store.
     * @param sessionTimeout the timeout, or {@code null} for the store's default
     */
    public void setSessionTimeout(@Nullable Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    /**
     * Returns the connection-timeout setting of a 'zookeeper' store.
     * @return the timeout, or {@code null} for the store's default
     */
    public @Nullable Duration getConnectionTimeout() {
        return this.connectionTimeout;
    }

    /**
     * Sets the connection-timeout setting of a 'zookeeper' store.
     * @param connectionTimeout the timeout, or {@code null} for the store's default
     */
    public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    /**
     * Returns the retry-base-sleep setting of a 'zookeeper' store.
     * @return the sleep, or {@code null} for the store's default
     */
    public @Nullable Duration getRetryBaseSleep() {
        return this.retryBaseSleep;
    }

    /**
     * Sets the retry-base-sleep setting of a 'zookeeper' store.
     * @param retryBaseSleep the sleep, or {@code null} for the store's default
     */
    public void setRetryBaseSleep(@Nullable Duration retryBaseSleep) {
        this.retryBaseSleep = retryBaseSleep;
    }

    /**
     * Returns the retry-max-sleep setting of a 'zookeeper' store.
     * @return the sleep, or {@code null} for the store's default
     */
    public @Nullable Duration getRetryMaxSleep() {
        return this.retryMaxSleep;
    }

    /**
     * Sets the retry-max-sleep setting of a 'zookeeper' store.
     * @param retryMaxSleep the sleep, or {@code null} for the store's default
     */
    public void setRetryMaxSleep(@Nullable Duration retryMaxSleep) {
        this.retryMaxSleep = retryMaxSleep;
    }

    /**
     * Returns the retry-max-retries setting of a 'zookeeper' store.
     * @return the number of retries, or {@code null} for the store's default
     */
    public @Nullable Integer getRetryMaxRetries() {
        return this.retryMaxRetries;
    }

    /**
     * Sets the retry-max-retries setting of a 'zookeeper' store.
     * @param retryMaxRetries the number of retries, or {@code null} for the store's default
     */
    public void setRetryMaxRetries(@Nullable Integer retryMaxRetries) {
        this.retryMaxRetries = retryMaxRetries;
    }

    /**
     * Returns the namespace setting of a 'zookeeper' store.
     * @return the namespace, or {@code null} for the store's default
     */
    public @Nullable String getNamespace() {
        return this.namespace;
    }

    /**
     * Sets the namespace setting of a 'zookeeper' store.
     * @param namespace the namespace, or {@code null} for the store's default
     */
    public void setNamespace(@Nullable String namespace) {
        this.namespace = namespace;
    }

    /**
     * Returns the digest setting of a 'zookeeper' store.
     * @return the credentials, or {@code null} for the store's default
     */
    public @Nullable String getDigest() {
        return this.digest;
    }

    /**
     * Sets the digest setting of a 'zookeeper' store.
     * @param digest the credentials, or {@code null} for the store's default
     */
    public void setDigest(@Nullable String digest) {
        this.digest = digest;
    }

    /**
     * Returns the acl setting of a 'zookeeper' store.
     * @return the ACL, or {@code null} for the store's default
     */
    public @Nullable String getAcl() {
        return this.acl;
    }

    /**
     * Sets the acl setting of a 'zookeeper' store.
     * @param acl the ACL, or {@code null} for the store's default
     */
    public void setAcl(@Nullable String acl) {
        this.acl = acl;
    }

    /**
     * Returns the path setting of a 'zookeeper' store.
     * @return the path, or {@code null} for the store's default
     */
    public @Nullable String getPath() {
        return this.path;
    }

    /**
     * Sets the path setting of a 'zookeeper' store.
     * @param path the path, or {@code null} for the store's default
     */
    public void setPath(@Nullable String path) {
        this.path = path;
    }

    /**
     * Returns further settings of the store type.
     * @return the settings by name
     */
    public Map<String, String> getOptions() {
        return this.options;
    }

}
