package org.parley.inbox;

import java.util.List;
import org.parley.intake.InboundIntake;
import org.parley.line.LineService;
import org.parley.plugin.Media;
import org.parley.plugin.ProviderEvent;
import org.springframework.stereotype.Component;

/** Lets tests in other packages record what a provider reported, as the webhook endpoint does. */
@Component
public class InboxFixtures {

    private final InboundIntake intake;
    private final LineService lines;

    InboxFixtures(InboundIntake intake, LineService lines) {
        this.intake = intake;
        this.lines = lines;
    }

    /** A patient's text arriving on a line. */
    public void patientTexts(String lineId, String providerMessageId, String from, String text) {
        intake.record(lines.find(lineId).orElseThrow(), List.of(
                new ProviderEvent.InboundMessage(providerMessageId, from, "+15555550100", text, List.of())));
    }

    /** A patient's text with pictures or files arriving on a line, as the provider announced their types. */
    public void patientSends(String lineId, String providerMessageId, String from, String text,
                             List<Media> media) {
        intake.record(lines.find(lineId).orElseThrow(), List.of(
                new ProviderEvent.InboundMessage(providerMessageId, from, "+15555550100", text, media)));
    }
}
