package org.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant WHEN = Instant.parse("2026-03-01T09:30:00.123456Z");

    private static String hash(String previous, long seq, String detail) {
        return AuditChain.hash(previous, seq, WHEN, "nurse", "CONVERSATION_VIEWED", "conversation", "7", detail);
    }

    @Test
    void anEntrysHashIsSha256InHexAndTheSameEveryTime() {
        assertThat(hash(AuditChain.GENESIS, 1, null)).matches("[0-9a-f]{64}").isEqualTo(hash(AuditChain.GENESIS, 1, null));
    }

    @Test
    void theHashChangesWithThePreviousHashThePlaceAndEveryField() {
        String base = hash(AuditChain.GENESIS, 1, "x");

        assertThat(hash("1".repeat(64), 1, "x")).isNotEqualTo(base);
        assertThat(hash(AuditChain.GENESIS, 2, "x")).isNotEqualTo(base);
        assertThat(hash(AuditChain.GENESIS, 1, "y")).isNotEqualTo(base);
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, WHEN.plusNanos(1000), "nurse", "CONVERSATION_VIEWED",
                "conversation", "7", "x")).isNotEqualTo(base);
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, WHEN, "admin", "CONVERSATION_VIEWED", "conversation", "7",
                "x")).isNotEqualTo(base);
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOtherAndNoneDiffersFromEmpty() {
        String a = AuditChain.hash(AuditChain.GENESIS, 1, WHEN, "nurse", "A", "conversation|7", null, null);
        String b = AuditChain.hash(AuditChain.GENESIS, 1, WHEN, "nurse", "A", "conversation", "7", null);

        assertThat(a).isNotEqualTo(b);
        assertThat(hash(AuditChain.GENESIS, 1, null)).isNotEqualTo(hash(AuditChain.GENESIS, 1, ""));
    }

    @Test
    void timeIsHashedToTheMicrosecondTheDatabaseKeeps() {
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, WHEN.plusNanos(999), "nurse", "A", null, null, null))
                .isEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, WHEN, "nurse", "A", null, null, null));
    }

    @Test
    void theAuditRepositoryOffersNoWayToUpdateOrDeleteAnEntry() {
        assertThat(AuditEventRepository.class.getMethods()).extracting(Method::getName)
                .noneMatch(name -> name.startsWith("delete") || name.startsWith("update")
                        || name.startsWith("remove"));
        assertThat(Arrays.stream(AuditEvent.class.getDeclaredMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers())).map(Method::getName))
                .noneMatch(name -> name.startsWith("set"));
    }
}
