package dev.apscheduler.spring.boot.redis;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The store's Lua scripts, each one atomic on the Redis server. Every script takes the store's keys in the order of
 * {@link #keys(RedisKeys)}: jobs hash, run times sorted set, claims hash, leases sorted set, unrestorable hash. Every
 * change to a job (add, replace, remove, mark as unrestorable) breaks a claim on it, so that an acquire step that
 * claimed the job before the change never writes its stale decision back.
 */
final class RedisScripts {

    /** Adds a job unless its id is taken: ARGV id, state, score ('' when paused), channel, origin; returns 1 or 0. */
    static final RedisScript<Long> ADD = RedisScript.of("""
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            if ARGV[3] ~= '' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1]) end
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('ZREM', KEYS[4], ARGV[1])
            redis.call('HDEL', KEYS[5], ARGV[1])
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            return 1
            """, Long.class);

    /**
     * Adds a batch of jobs, all or none: ARGV channel, origin, whether to replace stored jobs ('1'), then id, state
     * and score ('' when paused) of each job; returns 0 when stored, else the position (from 1) of the first job whose
     * id is taken, having stored nothing.
     */
    static final RedisScript<Long> ADD_ALL = RedisScript.of("""
            local count = (#ARGV - 3) / 3
            if ARGV[3] ~= '1' then
              for i = 0, count - 1 do
                if redis.call('HEXISTS', KEYS[1], ARGV[4 + 3 * i]) == 1 then return i + 1 end
              end
            end
            for i = 0, count - 1 do
              local id = ARGV[4 + 3 * i]
              redis.call('HSET', KEYS[1], id, ARGV[5 + 3 * i])
              if ARGV[6 + 3 * i] ~= '' then
                redis.call('ZADD', KEYS[2], ARGV[6 + 3 * i], id)
              else
                redis.call('ZREM', KEYS[2], id)
              end
              redis.call('HDEL', KEYS[3], id)
              redis.call('ZREM', KEYS[4], id)
              redis.call('HDEL', KEYS[5], id)
            end
            redis.call('PUBLISH', ARGV[1], ARGV[2])
            return 0
            """, Long.class);

    /**
     * Replaces a job: ARGV id, state, score ('' when paused), channel, origin, whether to compare ('1'), the state
     * expected; returns 1 when replaced, 0 when the stored state is not the one expected, -1 when there is no job.
     */
    static final RedisScript<Long> PUT = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if not current then return -1 end
            if ARGV[6] == '1' and current ~= ARGV[7] then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            if ARGV[3] ~= '' then
              redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            else
              redis.call('ZREM', KEYS[2], ARGV[1])
            end
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('ZREM', KEYS[4], ARGV[1])
            redis.call('HDEL', KEYS[5], ARGV[1])
            if ARGV[4] ~= '' then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
            return 1
            """, Long.class);

    /** Removes a job: ARGV id, channel, origin; returns 1 when removed, 0 when there was no job. */
    static final RedisScript<Long> REMOVE = RedisScript.of("""
            local removed = redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('ZREM', KEYS[4], ARGV[1])
            redis.call('HDEL', KEYS[5], ARGV[1])
            if removed == 1 then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
            return removed
            """, Long.class);

    /** Removes every job: ARGV channel, origin. */
    static final RedisScript<Long> REMOVE_ALL = RedisScript.of("""
            local removed = redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
            redis.call('PUBLISH', ARGV[1], ARGV[2])
            return removed
            """, Long.class);

    /** Returns a job's state unless it is marked unrestorable: ARGV id. */
    static final RedisScript<String> LOOKUP = RedisScript.of("""
            if redis.call('HEXISTS', KEYS[5], ARGV[1]) == 1 then return false end
            return redis.call('HGET', KEYS[1], ARGV[1])
            """, String.class);

    /**
     * Marks a job as unrestorable if its state is still the one that failed: ARGV id, state, reason. Takes it out
     * of the run times and drops any claim; the entry itself stays. Returns 1 when marked.
     */
    static final RedisScript<Long> MARK = RedisScript.of("""
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
            if not score then
              local claim = redis.call('HGET', KEYS[3], ARGV[1])
              score = claim and string.match(claim, '|(.*)$') or ''
            end
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('ZREM', KEYS[4], ARGV[1])
            redis.call('HSET', KEYS[5], ARGV[1], score .. '|' .. ARGV[3])
            return 1
            """, Long.class);

    /**
     * The first half of the acquire step. Puts the jobs whose claim lease expired (their instance died or stalled)
     * back into the run times, then claims up to a limit of the jobs due at a time: each is taken out of the run times
     * and given a claim ({@code <token>|<due time>}) and a lease expiring at the server's time plus the lease.
     * ARGV now (epoch microseconds), limit, token, lease (milliseconds). Returns id and state of each claimed job,
     * then the earliest due time left ('' when none).
     */
    static final RedisScript<List<Object>> CLAIM = listScript("""
            local t = redis.call('TIME')
            local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local expired = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', string.format('%d', nowMs), 'LIMIT', 0, 1000)
            for _, id in ipairs(expired) do
              local claim = redis.call('HGET', KEYS[3], id)
              if claim then
                local score = string.match(claim, '|(.*)$')
                if score and score ~= '' and redis.call('HEXISTS', KEYS[1], id) == 1 then
                  redis.call('ZADD', KEYS[2], score, id)
                end
                redis.call('HDEL', KEYS[3], id)
              end
              redis.call('ZREM', KEYS[4], id)
            end
            local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0,
              tonumber(ARGV[2]))
            local leaseUntil = string.format('%d', nowMs + tonumber(ARGV[4]))
            local result = {}
            if #due > 0 then
              local ids = {}
              for i = 1, #due, 2 do ids[#ids + 1] = due[i] end
              redis.call('ZREM', KEYS[2], unpack(ids))
              local states = redis.call('HMGET', KEYS[1], unpack(ids))
              local claims = {}
              local leases = {}
              for j, id in ipairs(ids) do
                local state = states[j]
                if state then
                  claims[#claims + 1] = id
                  claims[#claims + 1] = ARGV[3] .. '|' .. due[2 * j]
                  leases[#leases + 1] = leaseUntil
                  leases[#leases + 1] = id
                  result[#result + 1] = id
                  result[#result + 1] = state
                end
              end
              if #claims > 0 then
                redis.call('HSET', KEYS[3], unpack(claims))
                redis.call('ZADD', KEYS[4], unpack(leases))
              end
            end
            local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
            result[#result + 1] = first[2] or ''
            return result
            """);

    /**
     * The second half of the acquire step: applies the decisions for the jobs still claimed under the token, and
     * releases their claims. ARGV token, then four values per job: id, operation ('S' store the state with the
     * score, '' when paused; 'D' delete; 'R' release unchanged; 'U' mark unrestorable with the reason given as
     * state), state, score. Returns 1 or 0 per job (0: the claim was broken by a change or taken over after its
     * lease, and nothing was written), then the earliest due time left ('' when none).
     */
    static final RedisScript<List<Object>> COMMIT = listScript("""
            local prefix = ARGV[1] .. '|'
            local ids = {}
            for i = 2, #ARGV, 4 do ids[#ids + 1] = ARGV[i] end
            local claims = redis.call('HMGET', KEYS[3], unpack(ids))
            local result = {}
            local mine = {}
            local deleted = {}
            local states = {}
            local scores = {}
            local marked = {}
            for j, id in ipairs(ids) do
              local claim = claims[j]
              local i = 2 + 4 * (j - 1)
              if claim and string.sub(claim, 1, #prefix) == prefix then
                local score = string.sub(claim, #prefix + 1)
                local op = ARGV[i + 1]
                if op == 'D' then
                  deleted[#deleted + 1] = id
                elseif op == 'S' then
                  states[#states + 1] = id
                  states[#states + 1] = ARGV[i + 2]
                  if ARGV[i + 3] ~= '' then
                    scores[#scores + 1] = ARGV[i + 3]
                    scores[#scores + 1] = id
                  end
                elseif op == 'R' then
                  scores[#scores + 1] = score
                  scores[#scores + 1] = id
                else
                  marked[#marked + 1] = id
                  marked[#marked + 1] = score .. '|' .. ARGV[i + 2]
                end
                mine[#mine + 1] = id
                result[#result + 1] = 1
              else
                result[#result + 1] = 0
              end
            end
            if #deleted > 0 then redis.call('HDEL', KEYS[1], unpack(deleted)) end
            if #states > 0 then redis.call('HSET', KEYS[1], unpack(states)) end
            if #scores > 0 then redis.call('ZADD', KEYS[2], unpack(scores)) end
            if #marked > 0 then redis.call('HSET', KEYS[5], unpack(marked)) end
            if #mine > 0 then
              redis.call('HDEL', KEYS[3], unpack(mine))
              redis.call('ZREM', KEYS[4], unpack(mine))
            end
            local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
            result[#result + 1] = first[2] or ''
            return result
            """);

    /**
     * Counts the jobs: ARGV none. Returns the entries, the unrestorable ones, the scheduled ones (due time set) and
     * the claimed ones.
     */
    static final RedisScript<List<Object>> COUNT = listScript("""
            return { redis.call('HLEN', KEYS[1]), redis.call('HLEN', KEYS[5]), redis.call('ZCARD', KEYS[2]),
              redis.call('HLEN', KEYS[3]) }
            """);

    private RedisScripts() {
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static RedisScript<List<Object>> listScript(String source) {
        return (RedisScript) RedisScript.of(source, List.class);
    }

    /**
     * Returns the keys every script takes, in order.
     */
    static List<String> keys(RedisKeys keys) {
        return List.of(keys.jobs(), keys.runTimes(), keys.claims(), keys.leases(), keys.unrestorable());
    }

}
