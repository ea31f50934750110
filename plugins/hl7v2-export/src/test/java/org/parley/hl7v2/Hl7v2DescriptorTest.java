package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ConfigProperty.Type;
import org.parley.plugin.ExporterDescriptor;

/** What the admin sees of the HL7 exporter before setting one up. */
class Hl7v2DescriptorTest {

    private final ExporterDescriptor descriptor = new Hl7v2Exporter().descriptor();
    private final Map<String, ConfigProperty> settings = descriptor.properties().stream()
            .collect(Collectors.toMap(ConfigProperty::name, property -> property));

    @Test
    void itIsTheHl7v2ExporterAskingForWhatAnEhrInterfaceTeamHandsOut() {
        assertThat(descriptor.id()).isEqualTo("hl7v2-export");
        assertThat(descriptor.name()).isEqualTo("HL7 v2 (MDM^T02 over MLLP)");
        assertThat(descriptor.properties()).extracting(ConfigProperty::name).containsExactly(
                "host", "port", "tls", "trustStorePath", "trustStorePassword", "ackTimeoutSeconds",
                "sendingApplication", "sendingFacility", "receivingApplication", "receivingFacility", "processingId",
                "assigningAuthority", "timeZone", "embedPictures", "documentTypeResults", "documentTypeMedication",
                "documentTypeInsurance", "documentTypeBilling", "documentTypeOther");
        assertThat(descriptor.helpText()).contains("MDM^T02", "MLLP", "MRN", "TXA-12");
    }

    @Test
    void onlyTheHostMustBeTypedEverythingElseHasADefaultOrMayStayBlank() {
        assertThat(descriptor.properties()).filteredOn(ConfigProperty::required).extracting(ConfigProperty::name)
                .containsExactly("host", "port");
        assertThat(settings.get("port").defaultValue()).isEqualTo("2575");
        assertThat(settings.get("port").type()).isEqualTo(Type.NUMBER);
        assertThat(settings.get("tls").type()).isEqualTo(Type.BOOLEAN);
        assertThat(settings.get("tls").defaultValue()).isEqualTo("false");
        assertThat(settings.get("ackTimeoutSeconds").defaultValue()).isEqualTo("30");
        assertThat(settings.get("sendingApplication").defaultValue()).isEqualTo("PARLEY");
        assertThat(settings.get("sendingFacility").helpText()).contains("practice's name");
        assertThat(settings.get("processingId").defaultValue()).isEqualTo("P");
        assertThat(settings.get("embedPictures").defaultValue()).isEqualTo("false");
    }

    @Test
    void theTrustStorePasswordIsAnOptionalSecret() {
        assertThat(settings.get("trustStorePassword")).satisfies(password -> {
            assertThat(password.type()).isEqualTo(Type.SECRET);
            assertThat(password.required()).isFalse();
            assertThat(password.generatedIfBlank()).isFalse();
        });
    }

    @Test
    void everyChartCategoryHasADocumentTypeWithAReadableDefault() {
        assertThat(settings.get("documentTypeResults").defaultValue()).isEqualTo("PATMSG-RESULTS");
        assertThat(settings.get("documentTypeMedication").defaultValue()).isEqualTo("PATMSG-MEDICATION");
        assertThat(settings.get("documentTypeInsurance").defaultValue()).isEqualTo("PATMSG-INSURANCE");
        assertThat(settings.get("documentTypeBilling").defaultValue()).isEqualTo("PATMSG-BILLING");
        assertThat(settings.get("documentTypeOther").defaultValue()).isEqualTo("PATMSG-OTHER");
        assertThat(settings.get("documentTypeResults").label()).isEqualTo("Document type for Results (TXA-2)");
    }
}
