package dev.vigil.keycloak.riskengine.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.vigil.keycloak.riskengine.features.LoginFeatures;
import dev.vigil.keycloak.riskengine.features.PastLogin;
import dev.vigil.keycloak.riskengine.model.PerUserCap;
import dev.vigil.keycloak.riskengine.model.Reason;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.events.EventType;

/** {@link LoginEventStore} on Keycloak's JPA connection; every query is bounded by realm and a limit. */
public class JpaLoginEventStore implements LoginEventStore {

    /** the most rows a training pass reads (newest first); the reservoir keeps a uniform sample of them */
    static final int TRAINING_SCAN_LIMIT = 200_000;

    private static final String LOGIN = EventType.LOGIN.name();
    /** ORDER BY prefix that walks (realm, user, type, time) newest first (see {@link #list}) */
    private static final String USER_TYPE_INDEX = "e.realmId desc, e.userId desc, e.type desc, ";
    /** ORDER BY prefix of IDX_VIGIL_LE_STATUS_TIME (realm, status, time), for rows read oldest first along it */
    private static final String STATUS_INDEX = "e.realmId, e.status, ";
    /** the most logins of a user {@link #userPlaces} counts (the newest in the window) */
    static final int PLACES_SCAN = 1000;

    private final EntityManager em;

    public JpaLoginEventStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(LoginRecord record, boolean toScore) {
        em.persist(LoginEventEntity.from(record.clipped(), toScore ? LoginStatus.NEW : LoginStatus.RECORDED));
    }

    @Override
    public GuardedWrite addGuarded(LoginRecord record, boolean toScore) {
        return GuardedInsert.insert(em, record, toScore ? LoginStatus.NEW : LoginStatus.RECORDED);
    }

    /**
     * Pages are read along an index, newest first, and stop after {@code first + max} rows: every ORDER BY starts with
     * the index's leading columns, which the WHERE fixes to one value. PostgreSQL needs no such help; H2 (Keycloak's
     * dev database) walks an index backwards only for an ORDER BY that names its columns from the first, and otherwise
     * reads every matching entry to sort them ({@code EXPLAIN ANALYZE}, a user with 22,000 rows: 22,403 entries scanned
     * against 21).
     */
    @Override
    public List<StoredLogin> list(String realmId, LoginEventQuery q) {
        if (q.user() == null) {
            // (realm, level, status, time) for one level and one status (the flagged list by level), (realm, status,
            // time) for one status (the flagged list), else (realm, time)
            boolean oneStatus = q.statuses() != null && q.statuses().size() == 1;
            String index = oneStatus && q.riskLevels() != null && q.riskLevels().size() == 1
                    ? "e.realmId desc, e.riskLevel desc, e.status desc, "
                    : oneStatus ? "e.realmId desc, e.status desc, " : "e.realmId desc, ";
            return select(realmId, q, null, q.type(), index, q.first(), q.max());
        }
        int upTo = q.first() + q.max();
        // ids and times first (a deep page of a busy user loads only its own rows), merged newest first
        List<Object[]> heads = new ArrayList<>();
        // the user's rows by id, one type at a time: the (realm, user, type, time) index is in time order only within
        // a type; the table holds only RecordedEventTypes (the listener records nothing else)
        for (String type : q.type() != null ? List.of(q.type())
                : RecordedEventTypes.all().stream().map(EventType::name).toList()) {
            heads.addAll(query(realmId, q, "e.id, e.time", "e.userId = :user", type, USER_TYPE_INDEX, Object[].class)
                    .setMaxResults(upTo).getResultList());
        }
        // and the rows under their username without that id (an OR of the two columns makes H2 read the realm)
        heads.addAll(query(realmId, q, "e.id, e.time", "e.username = :username and (e.userId is null or e.userId <> :user)",
                q.type(), "e.realmId desc, e.username desc, ", Object[].class).setMaxResults(upTo).getResultList());
        heads.sort(java.util.Comparator.comparingLong((Object[] h) -> (Long) h[1])
                .thenComparing(h -> (String) h[0]).reversed());
        List<String> page = heads.subList(Math.min(q.first(), heads.size()), Math.min(upTo, heads.size())).stream()
                .map(h -> (String) h[0]).toList();
        if (page.isEmpty()) {
            return List.of();
        }
        Map<String, StoredLogin> byId = new HashMap<>();
        em.createQuery("select e from LoginEventEntity e where e.id in :ids", LoginEventEntity.class)
                .setParameter("ids", page).getResultStream().forEach(e -> byId.put(e.id(), e.toStored()));
        return page.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private List<StoredLogin> select(String realmId, LoginEventQuery q, String who, String type, String indexOrder,
            int first, int max) {
        return query(realmId, q, "e", who, type, indexOrder, LoginEventEntity.class).setFirstResult(first)
                .setMaxResults(max).getResultStream().map(LoginEventEntity::toStored).toList();
    }

    /** The list's query: {@code columns} of the matching rows, newest first along the index {@code indexOrder} names. */
    private <T> TypedQuery<T> query(String realmId, LoginEventQuery q, String columns, String who, String type,
            String indexOrder, Class<T> result) {
        StringBuilder jpql = new StringBuilder("select " + columns + " from LoginEventEntity e where e.realmId = :realm");
        Map<String, Object> params = new HashMap<>();
        params.put("realm", realmId);
        if (q.fromMillis() != null) {
            jpql.append(" and e.time >= :from");
            params.put("from", q.fromMillis());
        }
        if (q.toMillis() != null) {
            jpql.append(" and e.time < :to");
            params.put("to", q.toMillis());
        }
        if (who != null) {
            jpql.append(" and ").append(who);
            params.put("user", q.user());
            if (who.contains(":username")) {
                params.put("username", q.user().toLowerCase(Locale.ROOT));
            }
        }
        if (type != null) {
            jpql.append(" and e.type = :type");
            params.put("type", type);
        }
        if (q.statuses() != null) {
            jpql.append(" and e.status in :statuses");
            params.put("statuses", q.statuses());
        }
        if (q.minScore() != null) {
            jpql.append(" and e.score >= :minScore");
            params.put("minScore", q.minScore());
        }
        if (q.riskLevels() != null) {
            jpql.append(" and e.riskLevel in :riskLevels");
            params.put("riskLevels", q.riskLevels());
        }
        if (q.reason() != null) {
            // the in-flow reasons are "signal=value(+points),…", the model's a JSON list of {"feature":"name",…}
            jpql.append(" and (e.riskReasons like :reasonSignal escape '!' or e.reasons like :reasonFeature escape '!')");
            params.put("reasonSignal", "%" + LoginAggregatesQuery.likeEscaped(q.reason()) + "=%");
            params.put("reasonFeature", "%\"feature\":\"" + LoginAggregatesQuery.likeEscaped(q.reason()) + "\"%");
        }
        if (q.review() != null) {
            if (q.review() == LoginEventQuery.Review.OPEN) {
                jpql.append(" and e.feedback is null");
            } else {
                jpql.append(" and e.feedback = :feedback");
                params.put("feedback", Feedback.valueOf(q.review().name()));
            }
        }
        jpql.append(" order by ").append(indexOrder).append("e.time desc, e.id desc");
        TypedQuery<T> query = em.createQuery(jpql.toString(), result);
        params.forEach(query::setParameter);
        return query;
    }

    @Override
    public Optional<StoredLogin> find(String realmId, String id) {
        LoginEventEntity e = em.find(LoginEventEntity.class, id);
        return e == null || !e.realmId().equals(realmId) ? Optional.empty() : Optional.of(e.toStored());
    }

    @Override
    public List<PastLogin> successes(String realmId, String userId, long before, long since, int limit) {
        return userId == null ? new ArrayList<>(0) : ScoringStatements.successes(em, realmId, userId, before, since, limit);
    }

    @Override
    public List<ScoringInput> waitingForScoring(String realmId, Collection<String> ids) {
        return ids.isEmpty() ? List.of() : ScoringStatements.waiting(em, realmId, ids);
    }

    @Override
    public Optional<StoredLogin> assess(LoginRecord login, Assessment a) {
        LoginStatus status = a.flagged() ? LoginStatus.FLAGGED : LoginStatus.SCORED;
        String features = LoginFeatures.encode(a.features());
        ReasonsCodec.Encoded reasons = ReasonsCodec.encodeKept(a.reasons());
        if (!ScoringStatements.assess(em, login.id(), status, features, a.score(), a.threshold(), reasons.json(),
                a.model().version(), a.model().kind().name(), a.scoredAt(), a.action(), a.dryRun())) {
            return Optional.empty();
        }
        List<Reason> kept = List.copyOf(a.reasons().subList(0, reasons.count()));
        return Optional.of(new StoredLogin(login, status, LoginFeatures.decode(features), a.score(), a.threshold(),
                kept, a.model().version(), a.model().kind(), a.scoredAt(), a.action(),
                a.action() == null ? null : a.dryRun(), null, null, null, 0));
    }

    @Override
    public void recordAction(String id, String action, boolean dryRun) {
        ScoringStatements.action(em, id, action, dryRun);
    }

    @Override
    public int deleteBefore(String realmId, long before, int limit) {
        List<String> ids = em.createQuery("select e.id from LoginEventEntity e where e.realmId = :realm and e.time < :before",
                        String.class)
                .setParameter("realm", realmId).setParameter("before", before).setMaxResults(limit).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        LoginRollup.retentionCut(em, realmId, before);
        return em.createQuery("delete from LoginEventEntity e where e.id in :ids").setParameter("ids", ids)
                .executeUpdate();
    }

    @Override
    public int forgetUnknownUsernames(String realmId, long before, int limit) {
        List<String> ids = em.createQuery("select e.id from LoginEventEntity e where e.realmId = :realm and e.time < :before"
                        + " and e.userId is null and e.username is not null", String.class)
                .setParameter("realm", realmId).setParameter("before", before).setMaxResults(limit).getResultList();
        return ids.isEmpty() ? 0 : em.createQuery("update LoginEventEntity e set e.username = null where e.id in :ids")
                .setParameter("ids", ids).executeUpdate();
    }

    @Override
    public long actionsSince(String realmId, long since, java.util.Collection<String> actions) {
        return em.createQuery("select count(e) from LoginEventEntity e where e.realmId = :realm and e.time >= :since"
                        + " and e.status = :flagged and e.actionTaken in :actions", Long.class)
                .setParameter("realm", realmId).setParameter("since", since)
                .setParameter("flagged", LoginStatus.FLAGGED).setParameter("actions", actions).getSingleResult();
    }

    @Override
    public boolean feedback(String realmId, String id, Feedback feedback, String by, long at) {
        LoginEventEntity e = em.find(LoginEventEntity.class, id);
        if (e == null || !e.realmId().equals(realmId)) {
            return false;
        }
        e.feedback(feedback, by, at);
        return true;
    }

    @Override
    public long failedAccountsFromNetwork(String realmId, String network, long since) {
        if (network == null) {
            return 0;
        }
        return RequestPathReads.distinctUsernames(em, RequestPathReads.Key.NETWORK, realmId, network, since);
    }

    /**
     * The failures the failure signals count: a wrong password or an unknown username, never a login Vigil itself
     * refused (counting those would make one refusal the cause of the next).
     */
    static final java.util.List<String> PASSWORD_ERRORS = java.util.List.of(org.keycloak.events.Errors.INVALID_USER_CREDENTIALS,
            org.keycloak.events.Errors.USER_NOT_FOUND, org.keycloak.events.Errors.INVALID_USER);

    @Override
    public Failures failuresSince(String realmId, String userId, String ip, long since) {
        if (userId == null && ip == null) {
            return new Failures(0, 0);
        }
        return RequestPathReads.failures(em, realmId, userId, ip, since, PASSWORD_ERRORS);
    }

    @Override
    public Map<String, Opening> openings(String realmId, String userId, long since, List<String> sessionIds) {
        return userId == null ? Map.of() : RequestPathReads.openings(em, realmId, userId, since, sessionIds);
    }

    @Override
    public Map<String, Long> unscoredByRealm(Collection<String> realmIds, long olderThan, int atMost) {
        // one range of (realm, status, time) per realm: a "group by realm" over all realms read the whole table
        // (1,000,000 rows on H2: seconds of CPU at every run of the recovery task)
        List<Map.Entry<String, List<Long>>> found = new java.util.ArrayList<>();
        for (String realmId : realmIds) {
            List<Long> times = em.createQuery("select e.time from LoginEventEntity e where e.realmId = :realm"
                            + " and e.status = :status and e.time < :olderThan order by " + STATUS_INDEX + "e.time",
                            Long.class)
                    .setParameter("realm", realmId).setParameter("status", LoginStatus.NEW)
                    .setParameter("olderThan", olderThan).setMaxResults(atMost).getResultList();
            if (!times.isEmpty()) {
                found.add(Map.entry(realmId, times));
            }
        }
        found.sort(java.util.Comparator.comparingLong(e -> e.getValue().get(0)));
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        found.forEach(e -> counts.put(e.getKey(), (long) e.getValue().size()));
        return counts;
    }

    @Override
    public List<Pending> unscored(String realmId, long olderThan, int limit) {
        return em.createQuery("select e.id, e.scoringAttempts from LoginEventEntity e where e.realmId = :realm"
                        + " and e.status = :status and e.time < :olderThan order by " + STATUS_INDEX + "e.time",
                        Object[].class)
                .setParameter("realm", realmId).setParameter("status", LoginStatus.NEW)
                .setParameter("olderThan", olderThan).setMaxResults(limit).getResultStream()
                .map(r -> new Pending(realmId, (String) r[0], ((Number) r[1]).intValue())).toList();
    }

    @Override
    public void countScoringAttempt(String realmId, Collection<String> ids) {
        if (!ids.isEmpty()) {
            em.createQuery("update LoginEventEntity e set e.scoringAttempts = e.scoringAttempts + 1"
                            + " where e.realmId = :realm and e.id in :ids and e.status = :status")
                    .setParameter("realm", realmId).setParameter("ids", ids)
                    .setParameter("status", LoginStatus.NEW).executeUpdate();
        }
    }

    @Override
    public int giveUpScoring(String realmId, Collection<String> ids) {
        return ids.isEmpty() ? 0 : em.createQuery("update LoginEventEntity e set e.status = :failed"
                        + " where e.realmId = :realm and e.id in :ids and e.status = :status")
                .setParameter("failed", LoginStatus.FAILED).setParameter("realm", realmId).setParameter("ids", ids)
                .setParameter("status", LoginStatus.NEW).executeUpdate();
    }

    @Override
    public void trainingSample(String realmId, long since, PerUserCap sample) {
        // what the realm's users normally do: unflagged logins nobody called compromised, and flagged ones an
        // admin confirmed safe. Flagged logins nobody reviewed are left out, or an attacker's odd logins would
        // become "normal" with the next model.
        em.createQuery("select e.userId, e.features from LoginEventEntity e where e.realmId = :realm and e.type = :type"
                        + " and e.time >= :since and ((e.status = :scored and (e.feedback is null or e.feedback <> :compromised))"
                        + " or (e.status = :flagged and e.feedback = :safe)) order by e.time desc", Object[].class)
                .setParameter("realm", realmId).setParameter("type", LOGIN)
                .setParameter("scored", LoginStatus.SCORED).setParameter("flagged", LoginStatus.FLAGGED)
                .setParameter("since", since).setParameter("compromised", Feedback.COMPROMISED)
                .setParameter("safe", Feedback.SAFE)
                .setMaxResults(TRAINING_SCAN_LIMIT)
                .getResultStream()
                .forEach(r -> {
                    double[] x = LoginFeatures.decode((String) r[1]);
                    if (x != null) {
                        sample.offer((String) r[0], x);
                    }
                });
    }

    @Override
    public long countScored(String realmId, long since, int atMost) {
        // only LOGIN rows are ever scored: (realm, status, time) alone answers
        return em.createQuery("select e.id from LoginEventEntity e where e.realmId = :realm"
                        + " and e.status in :scored and e.time >= :since", String.class)
                .setParameter("realm", realmId)
                .setParameter("scored", List.of(LoginStatus.SCORED, LoginStatus.FLAGGED))
                .setParameter("since", since).setMaxResults(Math.max(1, atMost)).getResultList().size();
    }

    @Override
    public Map<Boolean, Map<Feedback, Long>> reviewCounts(String realmId) {
        Map<Boolean, Map<Feedback, Long>> counts = new HashMap<>();
        counts.put(true, new EnumMap<>(Feedback.class));
        counts.put(false, new EnumMap<>(Feedback.class));
        // one equality per verdict: a range of the (realm, feedback) index each ("in (…)" or "is not null" make H2
        // read the realm's whole index: 1,000,000 entries for a handful of verdicts)
        for (Feedback verdict : Feedback.values()) {
            em.createQuery("select e.status, count(e) from LoginEventEntity e where e.realmId = :realm"
                            + " and e.feedback = :verdict group by e.status", Object[].class)
                    .setParameter("realm", realmId).setParameter("verdict", verdict).getResultStream()
                    .forEach(r -> counts.get(r[0] == LoginStatus.FLAGGED).merge(verdict, (Long) r[1], Long::sum));
        }
        return counts;
    }

    @Override
    public List<UserPlace> userPlaces(String realmId, String userId, long since, int limit) {
        // counted over the user's newest PLACES_SCAN logins in the window at most: the time of the last of them is
        // read along the (realm, user, type, time) index, so a user with 20,000 logins costs what one with 1,000 does
        List<Long> edge = em.createQuery("select e.time from LoginEventEntity e where e.realmId = :realm"
                        + " and e.userId = :user and e.type = :type and e.time >= :since"
                        + " order by " + USER_TYPE_INDEX + "e.time desc", Long.class)
                .setParameter("realm", realmId).setParameter("user", userId)
                .setParameter("type", LOGIN).setParameter("since", since)
                .setFirstResult(PLACES_SCAN - 1).setMaxResults(1).getResultList();
        long from = edge.isEmpty() ? since : Math.max(since, edge.get(0));
        return em.createQuery("select e.network, e.country, e.deviceId, count(e), max(e.time) from LoginEventEntity e"
                        + " where e.realmId = :realm and e.userId = :user and e.type = :type and e.time >= :since"
                        + " group by e.network, e.country, e.deviceId order by max(e.time) desc", Object[].class)
                .setParameter("realm", realmId).setParameter("user", userId)
                .setParameter("type", LOGIN).setParameter("since", from)
                .setMaxResults(limit).getResultStream()
                .map(r -> new UserPlace((String) r[0], (String) r[1], (String) r[2], (Long) r[3], (Long) r[4]))
                .toList();
    }

    @Override
    public LoginAggregates aggregates(String realmId, long from, long to, int top) {
        return LoginRollup.aggregates(em, realmId, from, to, top);
    }

    @Override
    public int rollUpNextHours(String realmId, long now) {
        return LoginRollup.rollForward(em, realmId, now);
    }

    @Override
    public int recountChangedHours(String realmId, int hours) {
        return LoginRollup.recountDirty(em, realmId, hours);
    }

    @Override
    public void rowsAddedSince(String realmId, long time) {
        LoginRollup.forgetFrom(em, realmId, time);
    }

    @Override
    public int deleteByUser(String realmId, String userId, String username) {
        // a user Keycloak no longer knows (the orphan sweep): their id is all there is
        String who = username == null ? " and e.userId = :user"
                : " and (e.userId = :user or (e.userId is null and e.username = :username))";
        Long rolledTo = LoginRollup.rolledTo(em, realmId);
        if (rolledTo != null) { // the hours of the roll-up that counted these rows are counted again
            var hours = em.createQuery("select distinct floor(e.time / " + LoginRollup.HOUR + ".0) from LoginEventEntity e"
                    + " where e.realmId = :realm and e.time < :rolledTo" + who, Number.class)
                    .setParameter("realm", realmId).setParameter("rolledTo", rolledTo).setParameter("user", userId);
            if (username != null) {
                hours.setParameter("username", username.toLowerCase(Locale.ROOT));
            }
            LoginRollup.markDirty(em, realmId, hours.getResultStream().map(Number::longValue).toList());
        }
        var delete = em.createQuery("delete from LoginEventEntity e where e.realmId = :realm" + who)
                .setParameter("realm", realmId).setParameter("user", userId);
        if (username != null) {
            delete.setParameter("username", username.toLowerCase(Locale.ROOT));
        }
        return delete.executeUpdate();
    }

    @Override
    public int deleteByRealm(String realmId) {
        LoginRollup.deleteRealm(em, realmId);
        return em.createQuery("delete from LoginEventEntity e where e.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }

    @Override
    public List<String> userIds(String realmId, String after, int limit) {
        return em.createQuery("select distinct e.userId from LoginEventEntity e where e.realmId = :realm"
                        + " and e.userId > :after order by e.userId", String.class)
                .setParameter("realm", realmId).setParameter("after", after == null ? "" : after)
                .setMaxResults(limit).getResultList();
    }

    @Override
    public int replaceFeedbackBy(String realmId, String username, String replacement) {
        var update = em.createQuery("update LoginEventEntity e set e.feedbackBy = :replacement where e.feedbackBy = :by"
                        + (realmId == null ? "" : " and e.realmId = :realm"))
                .setParameter("replacement", replacement).setParameter("by", username);
        if (realmId != null) {
            update.setParameter("realm", realmId);
        }
        return update.executeUpdate();
    }
}
