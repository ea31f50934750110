package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ExportResult;
import org.parley.plugin.testkit.FakeExporter;
import org.parley.plugin.testkit.MutableClock;
import org.parley.plugin.testkit.fhir.FakeEhr;

/**
 * SMART Backend Services against the in-process token endpoint, which checks each client assertion's signature
 * with the registered public key (Nimbus JOSE, not the plugin's code) before issuing a token the FHIR server then
 * requires.
 */
class SmartBackendServicesTest {

    @TempDir
    Path keys;

    private final MutableClock clock = new MutableClock();
    private final FhirChartExporter exporter = new FhirChartExporter(clock);
    private FakeEhr ehr;

    @BeforeEach
    void startEhr() throws Exception {
        ehr = FakeEhr.start(clock);
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
    }

    @AfterEach
    void stopEhr() throws Exception {
        ehr.close();
    }

    @Test
    void anRsaKeySignsAnRs384AssertionTheEhrVerifiesAndItsTokenIsAcceptedByTheFhirServer() throws Exception {
        TestKeys.KeyFile key = TestKeys.rsa(keys, "rsa-2026");
        ehr.register(key.keyId(), key.pair().getPublic());

        ExportResult result = exporter.export(FhirExporters.smart(ehr, key), Exports.simple("s-1", Exports.withMrn()));

        assertThat(result).isInstanceOf(ExportResult.Exported.class);
        assertThat(ehr.acceptedAssertions()).singleElement().satisfies(jwt -> {
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
            assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-2026");
            assertThat(jwt.getHeader().getType().toString()).isEqualTo("JWT");
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(FakeEhr.CLIENT_ID);
            assertThat(claims.getSubject()).isEqualTo(FakeEhr.CLIENT_ID);
            assertThat(claims.getAudience()).containsExactly(ehr.tokenUrl());
            assertThat(claims.getJWTID()).isNotBlank();
            assertThat(claims.getExpirationTime().toInstant())
                    .isBetween(clock.instant().plusSeconds(60), clock.instant().plus(Duration.ofMinutes(5)));
        });
    }

    @Test
    void aP384EcKeySignsAnEs384AssertionTheEhrAccepts() throws Exception {
        TestKeys.KeyFile key = TestKeys.ecP384(keys, "ec-2026");
        ehr.register(key.keyId(), key.pair().getPublic());

        ExportResult result = exporter.export(FhirExporters.smart(ehr, key), Exports.simple("s-2", Exports.withMrn()));

        assertThat(result).isInstanceOf(ExportResult.Exported.class);
        assertThat(ehr.acceptedAssertions()).singleElement()
                .satisfies(jwt -> assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384));
    }

    @Test
    void theTokenIsReusedUntilAMinuteBeforeItExpiresThenANewOneIsObtained() throws Exception {
        TestKeys.KeyFile key = TestKeys.rsa(keys, "rsa-2026");
        ehr.register(key.keyId(), key.pair().getPublic());
        FakeExporter settings = FhirExporters.smart(ehr, key);

        exporter.export(settings, Exports.simple("s-3", Exports.withMrn()));
        clock.advance(Duration.ofMinutes(3).plusSeconds(50));
        exporter.export(settings, Exports.simple("s-4", Exports.withMrn()));
        assertThat(ehr.tokensIssued()).as("within the token's life").isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        ExportResult result = exporter.export(settings, Exports.simple("s-5", Exports.withMrn()));

        assertThat(result).isInstanceOf(ExportResult.Exported.class);
        assertThat(ehr.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aTokenTheEhrStopsAcceptingEarlyIsReplacedOnceAndTheExportGoesThrough() throws Exception {
        TestKeys.KeyFile key = TestKeys.rsa(keys, "rsa-2026");
        ehr.register(key.keyId(), key.pair().getPublic());
        FakeExporter settings = FhirExporters.smart(ehr, key);
        exporter.export(settings, Exports.simple("s-6", Exports.withMrn()));
        ehr.revokeIssuedTokens();

        ExportResult result = exporter.export(settings, Exports.simple("s-7", Exports.withMrn()));

        assertThat(result).isInstanceOf(ExportResult.Exported.class);
        assertThat(ehr.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aKeyTheEhrDoesNotHoldIsAPermanentFailureAskingToCheckTheCredentials() throws Exception {
        TestKeys.KeyFile registered = TestKeys.rsa(keys, "rsa-2026");
        TestKeys.KeyFile other = TestKeys.rsa(Files.createDirectory(keys.resolve("other")), "rsa-2026");
        ehr.register(registered.keyId(), registered.pair().getPublic());

        ExportResult result = exporter.export(FhirExporters.smart(ehr, other), Exports.simple("s-8", Exports.withMrn()));

        assertThat(result).isEqualTo(ExportResult.permanentFailure("The EHR's token endpoint refused Parley's client "
                + "(HTTP 401, invalid_client): check the credentials: the client id, the key id, and that the EHR "
                + "holds the public key of the private key file."));
        assertThat(ehr.requests()).as("nothing reaches the FHIR server without a token").isEmpty();
    }

    @Test
    void aTokenEndpointThatIsDownIsARetryableFailure() throws Exception {
        TestKeys.KeyFile key = TestKeys.rsa(keys, "rsa-2026");
        ehr.register(key.keyId(), key.pair().getPublic());
        ehr.tokenOutage(503);

        ExportResult result = exporter.export(FhirExporters.smart(ehr, key), Exports.simple("s-9", Exports.withMrn()));

        assertThat(result).isEqualTo(ExportResult.retryableFailure(
                "The EHR's token endpoint is unavailable (HTTP 503, obtaining a SMART access token)."));
    }

    @Test
    void eachAssertionHasItsOwnIdSoTheEhrNeverSeesAReplay() throws Exception {
        TestKeys.KeyFile key = TestKeys.rsa(keys, "rsa-2026");
        ehr.register(key.keyId(), key.pair().getPublic());
        FakeExporter settings = FhirExporters.smart(ehr, key);

        exporter.testConnection(settings);
        exporter.testConnection(settings);

        assertThat(ehr.acceptedAssertions()).hasSize(2);
        assertThat(ehr.acceptedAssertions().get(0).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(ehr.acceptedAssertions().get(1).getJWTClaimsSet().getJWTID());
    }
}
