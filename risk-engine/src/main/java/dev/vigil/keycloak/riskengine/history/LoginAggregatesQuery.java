package dev.vigil.keycloak.riskengine.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.keycloak.riskengine.risk.VigilEventErrors;
import dev.vigil.keycloak.riskengine.settings.FlagAction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.keycloak.events.EventType;

/**
 * The JPQL behind {@link LoginAggregates}: four scans of the window by (realm, time) — per quarter hour, window
 * totals by conditional sums, top countries, top networks. Portable JPQL (H2, PostgreSQL, the others Keycloak
 * supports): quarter hours by {@code floor(time / 900000.0)}, no database-specific date functions.
 */
final class LoginAggregatesQuery {

    private static final String WINDOW = " from LoginEventEntity e where e.realmId = :realm and e.time >= :from"
            + " and e.time < :to";

    private LoginAggregatesQuery() {
    }

    static LoginAggregates run(EntityManager em, String realmId, long from, long to, List<String> signalIds,
            int top) {
        Totals totals = totals(em, realmId, from, to, signalIds);
        return new LoginAggregates(buckets(em, realmId, from, to), totals.scoreBins(), totals.actions(),
                totals.signals(), countries(em, realmId, from, to, top), networks(em, realmId, from, to, top));
    }

    private static List<LoginAggregates.Bucket> buckets(EntityManager em, String realmId, long from, long to) {
        String quarter = "floor(e.time / " + LoginAggregates.QUARTER + ".0)";
        Query q = em.createQuery("select " + quarter + ", e.type, e.status, e.riskLevel, count(e),"
                + " sum(case when e.error = '" + VigilEventErrors.HIGH_RISK + "' then 1 else 0 end),"
                + " sum(case when e.error = '" + VigilEventErrors.PASSWORD_SPRAY + "' then 1 else 0 end)" + WINDOW
                + " group by " + quarter + ", e.type, e.status, e.riskLevel");
        List<LoginAggregates.Bucket> list = new ArrayList<>();
        for (Object row : window(q, realmId, from, to).getResultList()) {
            Object[] r = (Object[]) row;
            list.add(new LoginAggregates.Bucket(number(r[0]), (String) r[1], (LoginStatus) r[2], (String) r[3],
                    number(r[4]), number(r[5]), number(r[6])));
        }
        return list;
    }

    /** Score bins, actions and signals in one scan: one conditional sum per figure. */
    static Totals totals(EntityManager em, String realmId, long from, long to, List<String> signalIds) {
        StringBuilder select = new StringBuilder("select ");
        for (int bin = 0; bin < 10; bin++) {
            select.append("sum(case when e.score >= ").append(bin / 10.0).append(bin == 9 ? "" : " and e.score < "
                    + (bin + 1) / 10.0).append(" then 1 else 0 end), ");
        }
        List<String> actionKeys = new ArrayList<>();
        for (FlagAction a : FlagAction.values()) {
            if (a == FlagAction.NONE) {
                continue;
            }
            for (boolean dry : new boolean[] {false, true}) {
                select.append("sum(case when e.actionTaken = '").append(a.name()).append("' and e.dryRun = ")
                        .append(dry).append(" then 1 else 0 end), ");
                actionKeys.add(a.name() + (dry ? " (dry run)" : ""));
            }
        }
        for (int i = 0; i < signalIds.size(); i++) {
            select.append("sum(case when e.riskLevel in ('MEDIUM', 'HIGH') and e.riskReasons like :s").append(i)
                    .append(" escape '!' then 1 else 0 end), ");
        }
        select.append("count(e)");
        Query q = window(em.createQuery(select + WINDOW), realmId, from, to);
        for (int i = 0; i < signalIds.size(); i++) {
            q.setParameter("s" + i, "%" + likeEscaped(signalIds.get(i)) + "=%");
        }
        Object[] r = (Object[]) q.getSingleResult();
        long[] bins = new long[10];
        for (int bin = 0; bin < 10; bin++) {
            bins[bin] = number(r[bin]);
        }
        Map<String, Long> actions = new LinkedHashMap<>();
        for (int i = 0; i < actionKeys.size(); i++) {
            long n = number(r[10 + i]);
            if (n > 0) {
                actions.put(actionKeys.get(i), n);
            }
        }
        Map<String, Long> signals = new LinkedHashMap<>();
        for (int i = 0; i < signalIds.size(); i++) {
            signals.put(signalIds.get(i), number(r[10 + actionKeys.size() + i]));
        }
        return new Totals(bins, actions, signals);
    }

    record Totals(long[] scoreBins, Map<String, Long> actions, Map<String, Long> signals) {
    }

    static List<LoginAggregates.Top> countries(EntityManager em, String realmId, long from, long to, int top) {
        Query q = window(em.createQuery("select e.country, count(e), sum(case when e.status = :flagged then 1 else 0"
                + " end)" + WINDOW + " and e.type = :login and e.country is not null group by e.country"
                + " order by count(e) desc, e.country"), realmId, from, to)
                .setParameter("flagged", LoginStatus.FLAGGED).setParameter("login", EventType.LOGIN.name())
                .setMaxResults(top);
        List<LoginAggregates.Top> list = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            list.add(new LoginAggregates.Top((String) r[0], null, number(r[1]), number(r[2])));
        }
        return list;
    }

    static List<LoginAggregates.Top> networks(EntityManager em, String realmId, long from, long to, int top) {
        Query q = window(em.createQuery("select e.asn, max(e.asOrganization), count(e), sum(case when e.status ="
                + " :flagged then 1 else 0 end)" + WINDOW + " and e.type = :login and e.asn is not null"
                + " group by e.asn order by count(e) desc, e.asn"), realmId, from, to)
                .setParameter("flagged", LoginStatus.FLAGGED).setParameter("login", EventType.LOGIN.name())
                .setMaxResults(top);
        List<LoginAggregates.Top> list = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            list.add(new LoginAggregates.Top("AS" + number(r[0]), (String) r[1], number(r[2]), number(r[3])));
        }
        return list;
    }

    private static Query window(Query q, String realmId, long from, long to) {
        return q.setParameter("realm", realmId).setParameter("from", from).setParameter("to", to);
    }

    /** A LIKE operand that matches the text literally ({@code !} escapes). */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_").toLowerCase(Locale.ROOT);
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
