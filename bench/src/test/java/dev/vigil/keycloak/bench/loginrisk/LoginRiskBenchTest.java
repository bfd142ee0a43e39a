package dev.vigil.keycloak.bench.loginrisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.keycloak.bench.simulator.Login;
import dev.vigil.keycloak.bench.simulator.LoginCsv;
import dev.vigil.keycloak.bench.simulator.TrafficSimulator;
import dev.vigil.keycloak.riskengine.risk.RiskSettings;
import org.junit.jupiter.api.Test;

class LoginRiskBenchTest {

    static final String CHROME = "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36\",Chrome 131.0.0,Windows 10,desktop";
    static final String FIREFOX = "\"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\","
            + "Firefox 128.0,Linux,desktop";

    /** A file with only the RBA columns: alice logs in daily from home for 5 weeks; then one takeover from abroad. */
    static String tinyFile() {
        StringBuilder sb = new StringBuilder(String.join(",", LoginCsv.RBA)).append('\n');
        for (int day = 1; day <= 35; day++) {
            sb.append(String.format("2020-02-%02d 09:%02d:00.000,alice,20,198.51.100.7,DE,BY,Munich,3320,%s,True,False,False%n",
                    1 + (day - 1) % 28, day % 60, CHROME).replace("2020-02-", day > 28 ? "2020-03-" : "2020-02-"));
            sb.append(String.format("2020-%s 10:00:00.000,bob,25,192.0.2.%d,FR,IDF,Paris,3215,%s,True,False,False%n",
                    day > 28 ? String.format("03-%02d", day - 28) : String.format("02-%02d", day), day % 3 + 1, CHROME));
        }
        sb.append("2020-03-07 11:00:00.000,alice,190,203.0.113.66,VN,HN,Hanoi,45899,").append(FIREFOX)
                .append(",True,True,True\n");
        sb.append("2020-03-07 12:00:00.000,alice,20,198.51.100.7,DE,BY,Munich,3320,").append(CHROME)
                .append(",True,False,False\n");
        return sb.toString();
    }

    @Test
    void aFileWithOnlyTheRbaColumnsReplaysWithoutTheSignalsItLacks() throws IOException {
        LoginCsv.Reader reader = new LoginCsv.Reader(new BufferedReader(new StringReader(tinyFile())));
        List<Login> rows = new ArrayList<>();
        reader.forEachRemaining(rows::add);
        long warmupEnd = rows.get(0).time() + 4 * LoginRiskBench.WEEK;
        LoginRiskBench.Result r = LoginRiskBench.replay("tiny", rows, reader.columns(), warmupEnd, RiskSettings.DEFAULTS);
        assertThat(String.join("; ", r.off())).contains("new_device", "typing_rhythm", "impossible_travel");
        assertThat(r.targetedKind()).isEqualTo("account_takeover");
        LoginRiskBench.Kind takeover = r.kinds().get("account_takeover");
        assertThat(takeover.n()).isEqualTo(1);
        assertThat(takeover.vigilStopped()).isEqualTo(1.0);
        assertThat(r.legit().n()).isGreaterThan(0);
        assertThat(r.legit().vigilStopped()).isEqualTo(0.0);
    }

    @Test
    void simulatedTrafficReplaysWithEverySignalAndEveryAttackerKind() {
        TrafficSimulator.Options o = TrafficSimulator.Options.of(120, 4, 5);
        List<Login> traffic = TrafficSimulator.generate(o);
        LoginRiskBench.Result r = LoginRiskBench.replay("simulated", traffic,
                new LoginCsv.Columns(true, true, true, true, true, true), o.attacksFrom(), RiskSettings.DEFAULTS);
        assertThat(r.off()).isEmpty();
        assertThat(r.kinds()).containsKeys(TrafficSimulator.NAIVE, TrafficSimulator.VPN, TrafficSimulator.TARGETED,
                TrafficSimulator.SESSION_THEFT);
        // stolen sessions replayed from another country minutes later: impossible travel, denied
        assertThat(r.kinds().get(TrafficSimulator.SESSION_THEFT).vigilHigh()).isGreaterThan(0.9);
        // the baselines are put at (at most) Vigil's legitimate step-up rate
        assertThat(r.freemanLegit()).isLessThanOrEqualTo(r.legit().vigilStopped());
        assertThat(r.iforestLegit()).isLessThanOrEqualTo(r.legit().vigilStopped());
        assertThat(r.legit().vigilStopped()).isBetween(0.0, 0.2);
    }

    @Test
    void theRetypeAsksOnlyUnverifiedLowRiskLoginsAndNeverStepsUpMore() {
        TrafficSimulator.Options o = TrafficSimulator.Options.of(200, 6, 11);
        List<Login> traffic = TrafficSimulator.generate(o);
        LoginCsv.Columns all = new LoginCsv.Columns(true, true, true, true, true, true);
        LoginRiskBench.Result with = LoginRiskBench.replay("simulated", traffic, all, o.attacksFrom(),
                RiskSettings.DEFAULTS, false, true);
        LoginRiskBench.Result without = LoginRiskBench.replay("simulated", traffic, all, o.attacksFrom(),
                RiskSettings.DEFAULTS, false, false);
        long unverified = traffic.stream().filter(l -> l.legit() && l.success() && l.time() >= o.attacksFrom()
                && "UNVERIFIED".equals(l.typing())).count();
        assertThat(unverified).as("genuine UNVERIFIED typings in the evaluated weeks").isPositive();
        assertThat(with.legit().retyped).isPositive().isLessThanOrEqualTo((int) unverified);
        assertThat(without.legit().retyped).isZero();
        // a second typing replaces an UNVERIFIED one: fewer legitimate step-ups, never more
        assertThat(with.legit().medium + with.legit().high).isLessThan(without.legit().medium + without.legit().high);
        // the simulated attackers always type: nothing of theirs is asked again, their figures do not move
        with.kinds().forEach((kind, k) -> {
            assertThat(k.retyped).as(kind).isZero();
            assertThat(k.vigilStopped()).as(kind).isEqualTo(without.kinds().get(kind).vigilStopped());
        });
    }

    @Test
    void theBaselineThresholdNeverStepsUpMoreLegitimateLoginsThanTheTarget() {
        List<double[]> legit = new ArrayList<>();
        for (double v : new double[] {1, 2, 2, 2, 3, 4, 5}) {
            legit.add(new double[] {0, v, v});
        }
        assertThat(LoginRiskBench.threshold(legit, 1, 2)).isEqualTo(4.0);
        assertThat(LoginRiskBench.threshold(legit, 1, 4)).isEqualTo(3.0); // 2 would step up 5
        assertThat(LoginRiskBench.threshold(legit, 1, 0)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
