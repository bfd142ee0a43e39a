package dev.vigil.keycloak.bench.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class TrafficSimulatorTest {

    static String csv(List<Login> logins) throws IOException {
        StringWriter w = new StringWriter();
        LoginCsv.write(w, logins);
        return w.toString();
    }

    @Test
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOtherTraffic() throws IOException {
        String a = csv(TrafficSimulator.generate(TrafficSimulator.Options.of(40, 4, 7)));
        String b = csv(TrafficSimulator.generate(TrafficSimulator.Options.of(40, 4, 7)));
        String c = csv(TrafficSimulator.generate(TrafficSimulator.Options.of(40, 4, 8)));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void everyAttackerKindIsThereOnlyAfterTheWarmUpAndTheTrafficIsInTimeOrder() {
        TrafficSimulator.Options o = TrafficSimulator.Options.of(150, 4, 11);
        List<Login> traffic = TrafficSimulator.generate(o);
        Set<String> kinds = traffic.stream().map(Login::kind).collect(Collectors.toSet());
        assertThat(kinds).contains(Login.LEGIT).containsAll(TrafficSimulator.ATTACKERS);
        assertThat(traffic).filteredOn(l -> !l.legit()).allSatisfy(l -> {
            assertThat(l.time()).isGreaterThanOrEqualTo(o.attacksFrom());
            assertThat(l.attackIp()).isTrue();
        });
        for (int i = 1; i < traffic.size(); i++) {
            assertThat(traffic.get(i).time()).isGreaterThanOrEqualTo(traffic.get(i - 1).time());
        }
        // targeted attackers know the victim's country and browser family, never send the victim's device cookie
        assertThat(traffic).filteredOn(l -> TrafficSimulator.TARGETED.equals(l.kind())).isNotEmpty()
                .allSatisfy(l -> assertThat(l.deviceId()).isNull());
        // legitimate users mostly send their device cookie and mostly type like themselves
        List<Login> legit = traffic.stream().filter(l -> l.legit() && l.success()).toList();
        assertThat(legit.stream().filter(l -> l.deviceId() != null).count()).isGreaterThan(legit.size() * 9L / 10);
        long decided = legit.stream().filter(l -> List.of("MATCH", "MISMATCH", "UNVERIFIED").contains(l.typing())).count();
        long match = legit.stream().filter(l -> "MATCH".equals(l.typing())).count();
        assertThat(match).isGreaterThan(decided * 85 / 100);
    }

    @Test
    void theCsvRoundTripsAndAFileWithOnlyTheRbaColumnsReads() throws IOException {
        List<Login> traffic = TrafficSimulator.generate(TrafficSimulator.Options.of(20, 3, 3));
        String text = csv(traffic);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith(String.join(",", LoginCsv.RBA));
        List<Login> back = LoginCsv.readAll(new BufferedReader(new StringReader(text)));
        assertThat(back).isEqualTo(traffic);

        String rba = String.join(",", LoginCsv.RBA) + "\n"
                + "2020-02-03 12:43:30.772,-4324475583306591935,,10.0.65.171,NO,-,-,29695,\"Mozilla/5.0  (iPhone; CPU iPhone"
                + " OS 13_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.2 Mobile/15E148 Safari/604.1\","
                + "Mobile Safari 13.1.2,iOS 13.4,mobile,False,False,False\n";
        LoginCsv.Reader reader = new LoginCsv.Reader(new BufferedReader(new StringReader(rba)));
        assertThat(reader.columns().deviceId()).isFalse();
        assertThat(reader.columns().typing()).isFalse();
        Login l = reader.next();
        assertThat(l.userId()).isEqualTo("-4324475583306591935");
        assertThat(l.asn()).isEqualTo(29695L);
        assertThat(l.region()).isNull();
        assertThat(l.rttMs()).isNull();
        assertThat(l.userAgent()).contains("iPhone");
        assertThat(l.success()).isFalse();
        assertThat(l.deviceId()).isNull();
        assertThat(l.legit()).isTrue();
        assertThat(reader.hasNext()).isFalse();
    }
}
