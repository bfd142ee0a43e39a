package dev.vigil.keycloak.riskengine.history;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.keycloak.riskengine.features.PastLogin;
import dev.vigil.keycloak.riskengine.model.PerUserCap;

/** Data access for {@code VIGIL_LOGIN_EVENT}. Works in the transaction of the session it was made for. */
public interface LoginEventStore {

    /** @param toScore true for successful logins, which start as {@link LoginStatus#NEW} */
    void add(LoginRecord record, boolean toScore);

    /**
     * Writes the row in the current transaction so that a failed write is undone without harming the
     * transaction: Hibernate never sees the statement, so it does not mark the transaction rollback-only, and
     * on databases that would abort the whole transaction (PostgreSQL) a savepoint guards it. Needs an active
     * transaction (and, on those databases, savepoints); when the write could not even be tried,
     * {@link GuardedWrite#tried()} is false and the caller may write the row another way.
     */
    GuardedWrite addGuarded(LoginRecord record, boolean toScore);

    /** Events of a realm matching the query, newest first. */
    List<StoredLogin> list(String realmId, LoginEventQuery query);

    Optional<StoredLogin> find(String realmId, String id);

    /**
     * The user's successful logins before {@code before} (newest first, at most {@code limit}, not older than
     * {@code since}); the failure counts come with the row from {@link #waitingForScoring}.
     */
    List<PastLogin> successes(String realmId, String userId, long before, long since, int limit);

    /**
     * The rows among {@code ids} that wait for scoring ({@link LoginStatus#NEW}) in the realm, each with the
     * failures of its user and of its IP in the hour before it, in one query.
     */
    List<ScoringInput> waitingForScoring(String realmId, Collection<String> ids);

    /**
     * Stores the assessment of a row that waits for scoring; returns the row as it now is, or empty when it
     * is gone or was scored meanwhile.
     */
    Optional<StoredLogin> assess(LoginRecord login, Assessment assessment);

    void recordAction(String id, String action, boolean dryRun);

    /** Deletes at most {@code limit} of the realm's rows recorded before {@code before}; returns how many. */
    int deleteBefore(String realmId, long before, int limit);

    /**
     * Erases the attempted username of at most {@code limit} rows recorded before {@code before} that match no
     * user (no user id); returns how many.
     */
    int forgetUnknownUsernames(String realmId, long before, int limit);

    /** Distinct user ids of the realm's rows after {@code after} (null: from the start), in order, at most {@code limit}. */
    List<String> userIds(String realmId, String after, int limit);

    /**
     * Replaces the reviewer's name {@code username} by {@code replacement} in the feedback of the realm's rows
     * (of all realms when {@code realmId} is null), keeping the verdicts; returns how many rows.
     */
    int replaceFeedbackBy(String realmId, String username, String replacement);

    /** Flagged logins since {@code since} whose action was one of {@code actions} (dry runs included). */
    long actionsSince(String realmId, long since, java.util.Collection<String> actions);

    /** @return false when the realm has no such row */
    boolean feedback(String realmId, String id, Feedback feedback, String by, long at);

    /**
     * How many different usernames the network's sign-ins failed against since {@code since} (failed logins
     * without a username do not count).
     */
    long failedAccountsFromNetwork(String realmId, String network, long since);

    /**
     * Wrong passwords and unknown usernames since {@code since}: of the user (indexed by realm, user, type, time) and
     * from the IP, any user (by realm, IP, type, time); a null user or IP counts 0.
     */
    Failures failuresSince(String realmId, String userId, String ip, long since);

    /** Failed logins of a user and from an IP. */
    record Failures(long user, long ip) {
    }

    /** Where a session was opened: its LOGIN row's IP, network and country (each may be null). */
    record Opening(String ip, String network, String country) {
    }

    /**
     * The user's LOGIN rows since {@code since} that opened one of {@code sessionIds}, by session id (one each; a
     * session re-authenticated in has more than one).
     */
    Map<String, Opening> openings(String realmId, String userId, long since, List<String> sessionIds);

    /** How many times a login is queued for scoring again before it is given up as {@link LoginStatus#FAILED}. */
    int MAX_SCORING_ATTEMPTS = 5;

    /**
     * Per realm of {@code realmIds}, the number of successful logins still {@link LoginStatus#NEW} that were recorded
     * before {@code olderThan}, counted up to {@code atMost}; realms with the oldest such login first, realms without
     * any left out. Reads only those rows (one index range per realm), never the table.
     */
    Map<String, Long> unscoredByRealm(Collection<String> realmIds, long olderThan, int atMost);

    /** The realm's successful logins still {@link LoginStatus#NEW} recorded before {@code olderThan}, oldest first. */
    List<Pending> unscored(String realmId, long olderThan, int limit);

    /** Adds one to the scoring attempts of those of the rows that are still {@link LoginStatus#NEW}. */
    void countScoringAttempt(String realmId, Collection<String> ids);

    /** Marks those of the rows that are still {@link LoginStatus#NEW} as {@link LoginStatus#FAILED}; how many. */
    int giveUpScoring(String realmId, Collection<String> ids);

    /**
     * Feeds the login vectors since {@code since} that describe normal behaviour — scored and not flagged
     * (unless confirmed compromised), or flagged and confirmed safe — newest first, to a per-user-capped sample.
     */
    void trainingSample(String realmId, long since, PerUserCap sample);

    /**
     * Scored successful logins since {@code since}, counted up to {@code atMost} (the callers only compare with the
     * number a realm model needs: a realm with a million rows is not counted to the last one).
     */
    long countScored(String realmId, long since, int atMost);

    /** Counts of (flagged?, feedback) over the realm's reviewed logins. */
    Map<Boolean, Map<Feedback, Long>> reviewCounts(String realmId);

    /**
     * The realm's rows in [from, to) counted for the dashboard (the hourly roll-up for the hours it holds, the
     * database's GROUP BY over the rows for the rest): per quarter hour, score bins, actions, how often each in-flow
     * signal was a reason of a MEDIUM or HIGH login, and the {@code top} countries and networks.
     */
    LoginAggregates aggregates(String realmId, long from, long to, int top);

    /**
     * Rolls up the realm's next batch of settled hours (see {@link LoginRollup}); how many hours were rolled up, 0
     * when there is nothing to do. For the roll-up task, one batch per transaction.
     */
    int rollUpNextHours(String realmId, long now);

    /** Counts again up to {@code hours} rolled-up hours whose rows changed (user deletion, retention); how many. */
    int recountChangedHours(String realmId, int hours);

    /** Rows were added to the realm's past at {@code time} or later: the roll-up counts them from there on again. */
    void rowsAddedSince(String realmId, long time);

    /**
     * Removes a user's rows: those with their id, and failed attempts recorded under their username
     * without a user id.
     *
     * @return number of rows removed
     */
    int deleteByUser(String realmId, String userId, String username);

    /** @return number of rows removed */
    int deleteByRealm(String realmId);

    /**
     * The outcome of {@link #addGuarded}.
     *
     * @param written              the row is in the transaction
     * @param tried                the INSERT was executed (false: nothing happened, no savepoint was possible)
     * @param transactionUnharmed  the transaction is as it was before (false only if even the rollback to the
     *                             savepoint failed)
     * @param failure              why the row was not written, or null
     */
    record GuardedWrite(boolean written, boolean tried, boolean transactionUnharmed, Exception failure) {
        public static final GuardedWrite WRITTEN = new GuardedWrite(true, true, true, null);

        static GuardedWrite notTried(Exception why) {
            return new GuardedWrite(false, false, true, why);
        }
    }

    record Pending(String realmId, String id, int scoringAttempts) {
    }

    /**
     * A row to score with its failure counts.
     *
     * @param login          the recorded row
     * @param userFailures1h failed logins of the row's user in the hour before it
     * @param ipFailures1h   failed logins from the row's IP (any user) in the hour before it
     */
    record ScoringInput(LoginRecord login, int userFailures1h, int ipFailures1h) {
    }

    /** One place a user signed in from: network, country and device of their LOGIN rows, how often, last when. */
    record UserPlace(String network, String country, String deviceId, long logins, long lastSeen) {
    }

    /**
     * Where the user signed in from since {@code since}, counted by the database (GROUP BY network, country,
     * device) over their newest 1,000 logins in that window at most: most recently seen first, at most {@code limit}.
     */
    List<UserPlace> userPlaces(String realmId, String userId, long since, int limit);
}
