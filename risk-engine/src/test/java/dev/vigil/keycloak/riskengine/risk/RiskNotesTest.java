package dev.vigil.keycloak.riskengine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RiskNotesTest {

    @Test
    void eventDetailsReadBackAndGarbageIsNoAssessment() {
        Map<String, String> details = new HashMap<>();
        assertThat(RiskNotes.of(details)).isEmpty();
        details.put(RiskNotes.LEVEL_DETAIL, "medium");
        details.put(RiskNotes.SCORE_DETAIL, "0.651");
        details.put(RiskNotes.REASONS_DETAIL, "new_device=new(+1.50)");
        RiskNotes.Noted n = RiskNotes.of(details).orElseThrow();
        assertThat(n.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(n.score()).isEqualTo(0.651);
        details.put(RiskNotes.SCORE_DETAIL, "NaN");
        assertThat(RiskNotes.of(details).orElseThrow().score()).isZero();
        details.put(RiskNotes.SCORE_DETAIL, "7");
        assertThat(RiskNotes.of(details).orElseThrow().score()).isEqualTo(1.0);
        details.put(RiskNotes.LEVEL_DETAIL, "EXTREME");
        assertThat(RiskNotes.of(details)).isEmpty();
        assertThat(RiskNotes.of((Map<String, String>) null)).isEmpty();
    }

    @Test
    void reasonsFitTheirColumnAndAFallbackSaysWhy() {
        List<RiskReason> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new RiskReason(RiskSignal.NEW_IP, "a, value; with separators " + i, 0.25));
        }
        RiskAssessment a = new RiskAssessment(0.9, 50, RiskLevel.HIGH, many, null);
        assertThat(a.reasonsText()).hasSizeLessThanOrEqualTo(RiskAssessment.MAX_REASONS_LENGTH)
                .startsWith("new_ip=a  value  with separators 0(+0.25),");
        RiskAssessment fallback = RiskAssessment.fallback(RiskLevel.MEDIUM, "PersistenceException");
        assertThat(fallback.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(fallback.reasonsText()).isEqualTo("fallback=PersistenceException");
        assertThat(fallback.scoreText()).isEqualTo("0.500");
    }
}
