package org.parley.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.assignment.ConversationAssigned;
import org.parley.base.LiveUpdate;
import org.parley.chart.ChartExportFailed;
import org.parley.chart.ChartExportQueued;
import org.parley.chart.ChartExported;
import org.parley.conversation.ConversationChanged;
import org.parley.encryption.ReencryptionProgress;
import org.parley.mention.MentionsRead;
import org.parley.mention.StaffMentioned;
import org.parley.notify.DesktopNotification;
import org.parley.simulator.PhoneChanged;

/** What a live update looks like between nodes: small, ids only, and only Parley's own kinds. */
class LiveUpdateWireTest {

    /**
     * Text fields a live update may carry because they are Parley's own words or identifiers, never a patient's:
     * a chart export's id (a UUID) and its configured exporter's id, the re-encryption job's column names and its
     * reason for stopping (worded by Parley). Anything else that is text could be a name, a number or a message.
     */
    private static final Set<String> PARLEYS_OWN_TEXT = Set.of(
            "ChartExportQueued.exportId", "ChartExportQueued.exporterId",
            "ChartExported.exportId", "ChartExported.exporterId",
            "ChartExportFailed.exportId", "ChartExportFailed.exporterId",
            "ReencryptionProgress.problem", "Part.name");

    private final LiveUpdateWire wire = new LiveUpdateWire();

    @Test
    void everyKindOfLiveUpdateInParleyTravelsBetweenNodes() {
        assertThat(wire.types().values()).contains(ConversationChanged.class, ConversationAssigned.class,
                DesktopNotification.class, PhoneChanged.class, StaffMentioned.class, ChartExportFailed.class,
                ReencryptionProgress.class, MentionsRead.class,
                ChartExportQueued.class, ChartExported.class);
        assertThat(wire.types().values()).as("a resync is each node's own").doesNotContain(LiveUpdates.Resync.class);
    }

    @Test
    void anUpdateArrivesOnTheOtherNodeAsItWasSent() {
        List<LiveUpdate> updates = List.of(
                new ConversationChanged(12, 345, true),
                new ConversationAssigned(12, null, Set.of(3L, 4L), 3),
                new DesktopNotification(3, 12, 7L),
                new DesktopNotification(3, 12, null),
                new DesktopNotification(3, 12, 7L, true),
                new PhoneChanged(),
                new ChartExportFailed("0b5e6c1e-8f5e-4a51-9d0c-1f2a3b4c5d6e", 12, "fhir", 3, true),
                new ReencryptionProgress(ReencryptionProgress.State.STOPPED, Instant.parse("2026-12-07T10:15:30Z"),
                        Instant.parse("2026-12-07T10:16:00Z"),
                        List.of(new ReencryptionProgress.Part("message.body", 100, 40, 1)), "Parley was stopped"));
        for (LiveUpdate update : updates) {
            String payload = wire.encode(update).orElseThrow();
            assertThat(wire.decode(payload)).isEqualTo(update);
        }
    }

    @Test
    void aPayloadStaysFarBelowPostgresLimitEvenForTheLargestProgressReport() {
        // Parley encrypts 18 columns and has one backfill; twice as many, with ten-billion-row counts, still fit.
        List<ReencryptionProgress.Part> parts = IntStream.range(0, 40)
                .mapToObj(i -> new ReencryptionProgress.Part("patient_contact.some_long_column_name_" + i,
                        10_000_000_000L, 9_999_999_999L, 1_000_000L)).toList();
        String payload = wire.encode(new ReencryptionProgress(ReencryptionProgress.State.RUNNING, Instant.now(), null,
                parts, null)).orElseThrow();
        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(LiveUpdateWire.MAX_PAYLOAD_BYTES);
        assertThat(wire.encode(new ConversationChanged(Long.MAX_VALUE, Long.MAX_VALUE, true)).orElseThrow())
                .hasSizeLessThan(200);
    }

    @Test
    void aPayloadNamingAnyOtherClassIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> wire.decode("{\"t\":\"java.lang.ProcessBuilder\",\"v\":{\"command\":[\"x\"]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a live update payload names no known kind");
        assertThatThrownBy(() -> wire.decode("not json +19295550123"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("9295550123");
        assertThatThrownBy(() -> wire.decode("{\"t\":\"conversation.ConversationChanged\",\"v\":{\"conversationId\":"
                + "\"Jane Doe\"}}"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("Jane");
    }

    @Test
    void liveUpdatesCarryIdsCountsTimesAndEnumsButNoTextThatCouldBeAboutAPatient() {
        List<String> text = new ArrayList<>();
        for (Class<? extends LiveUpdate> type : wire.types().values()) {
            collectText(type, text);
        }
        assertThat(text).as("text fields in live updates (names, numbers and message text are PHI: send ids, "
                + "and have the receiving screen load what it shows)").isSubsetOf(PARLEYS_OWN_TEXT);
    }

    private static void collectText(Class<?> record, List<String> text) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = record.getSimpleName() + "." + component.getName();
            check(component.getGenericType(), name, text);
        }
    }

    private static void check(Type type, String name, List<String> text) {
        if (type instanceof ParameterizedType generic) {
            for (Type argument : generic.getActualTypeArguments()) {
                check(argument, name, text);
            }
            return;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class || raw == char.class || raw == Character.class || raw == byte[].class
                || raw == Object.class) {
            text.add(name);
        } else if (raw.isRecord()) {
            collectText(raw, text);
        } else if (!(raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw.isEnum()
                || raw == Instant.class || raw == List.class || raw == Set.class)) {
            text.add(name + " (" + raw.getSimpleName() + ")");
        }
    }
}
