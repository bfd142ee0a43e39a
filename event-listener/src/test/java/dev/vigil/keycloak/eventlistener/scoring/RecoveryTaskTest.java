package dev.vigil.keycloak.eventlistener.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecoveryTaskTest {

    private static Map<String, Long> pending(Object... realmAndCount) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < realmAndCount.length; i += 2) {
            m.put((String) realmAndCount[i], ((Number) realmAndCount[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void aRealmWithAHugeBacklogDoesNotCrowdOutTheOthers() {
        Map<String, Integer> shares = RecoveryTask.shares(pending("flooded", 100_000, "quiet", 3, "other", 40), 500);
        assertThat(shares).containsEntry("quiet", 3).containsEntry("other", 40).containsEntry("flooded", 457);
        assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
    }

    @Test
    void equalBacklogsShareEquallyAndNothingIsHandedOutTwice() {
        Map<String, Integer> shares = RecoveryTask.shares(pending("a", 1_000, "b", 1_000, "c", 1_000), 500);
        assertThat(shares.values()).allSatisfy(v -> assertThat(v).isBetween(166, 167));
        assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(RecoveryTask.shares(pending("a", 7, "b", 0), 500)).containsExactly(Map.entry("a", 7));
    }

    @Test
    void moreRealmsThanTheBatchGetOneEachOldestFirst() {
        Map<String, Long> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("r" + i, 50L);
        }
        Map<String, Integer> shares = RecoveryTask.shares(many, 10);
        assertThat(shares).hasSize(10).containsOnlyKeys("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
        assertThat(shares.values()).containsOnly(1);
    }
}
