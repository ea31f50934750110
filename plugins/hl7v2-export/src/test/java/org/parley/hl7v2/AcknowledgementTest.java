package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.HL7Exception;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ExportResult;
import org.parley.plugin.ExportResult.Exported;
import org.parley.plugin.ExportResult.Failed;

/** ACKs as EHRs of several HL7 versions write them, read without a network. */
class AcknowledgementTest {

    private final Er7Codec codec = new Er7Codec();

    private Acknowledgement read(String... segments) throws HL7Exception {
        return codec.readAcknowledgement(String.join("\r", segments) + "\r");
    }

    @Test
    void anHl7v23EhrsErrorComesFromMsa3AndTheOldErr1() throws Exception {
        Acknowledgement ack = read("MSH|^~\\&|EHR|MAIN|PARLEY|RFP|20261124091001||ACK^T02|A1|P|2.3",
                "MSA|AE|exp-1|Patient not found", "ERR|PID^1^3^204&Unknown key identifier&HL70357");

        assertThat(ack.acknowledges("exp-1")).isTrue();
        assertThat(ack.result("exp-1", Exports.MARIA)).isEqualTo(new Failed(false,
                "The EHR refused the document (AE, error 204): Patient not found; Unknown key identifier"));
    }

    @Test
    void aV251ErrorUsesTheUserMessageAndTheDiagnosticAndIsRetryableWhenTheRecordIsLocked() throws Exception {
        Acknowledgement ack = read("MSH|^~\\&|EHR|MAIN|PARLEY|RFP|20261124091001-0500||ACK^T02^ACK|A2|P|2.5.1",
                "MSA|AR|exp-1", "ERR||PID^1^3|206^Application record locked^HL70357|E|||Chart locked|"
                        + "Chart is open in another session");

        assertThat(ack.result("exp-1", Exports.MARIA)).isEqualTo(new Failed(true,
                "The EHR rejected the message (AR, error 206): Chart is open in another session; Chart locked; "
                        + "Application record locked"));
    }

    @Test
    void anAckForAnotherControlIdDoesNotAcknowledgeThisDocument() throws Exception {
        Acknowledgement ack = read("MSH|^~\\&|EHR|MAIN|PARLEY|RFP|20261124091001||ACK|A3|P|2.4", "MSA|AA|exp-0");

        assertThat(ack.acknowledges("exp-1")).isFalse();
    }

    @Test
    void aCommitAcceptCountsAsExportedAndAnUnknownCodeIsTriedAgain() throws Exception {
        assertThat(read("MSH|^~\\&|EHR||||20261124||ACK|A4|P|2.5", "MSA|CA|exp-1").result("exp-1", Exports.MARIA))
                .isEqualTo(new Exported("exp-1", null));
        assertThat(read("MSH|^~\\&|EHR||||20261124||ACK|A5|P|2.5", "MSA|XX|exp-1").result("exp-1", Exports.MARIA))
                .isEqualTo(ExportResult.retryableFailure("The EHR answered with an unknown acknowledgement code."));
    }

    @Test
    void anErrorWithoutWordsSaysSoAndAVeryLongOneIsCutShort() throws Exception {
        assertThat(read("MSH|^~\\&|EHR||||20261124||ACK|A6|P|2.5", "MSA|AE|exp-1").result("exp-1", Exports.MARIA))
                .isEqualTo(new Failed(false, "The EHR refused the document (AE) without saying why."));

        ExportResult longOne = read("MSH|^~\\&|EHR||||20261124||ACK|A7|P|2.5", "MSA|AE|exp-1|" + "x".repeat(1000))
                .result("exp-1", Exports.MARIA);
        assertThat(((Failed) longOne).reason()).hasSize(400).endsWith("x…");
    }

    @Test
    void anAnswerThatIsNotAnAcknowledgementIsRefused() {
        assertThatThrownBy(() -> read("MSH|^~\\&|EHR||||20261124||ADT^A01|A8|P|2.5", "EVN|A01|20261124"))
                .isInstanceOf(HL7Exception.class);
        assertThatThrownBy(() -> codec.readAcknowledgement("HTTP/1.1 400 Bad Request\r\n\r\n"))
                .isInstanceOf(HL7Exception.class);
    }
}
