package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.util.StandardSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExportResult.Exported;
import org.parley.plugin.ExportResult.Failed;
import org.parley.plugin.testkit.FakeExporter;

/**
 * MLLP over TLS against HAPI's listener with a self-signed certificate for {@code localhost}, made with the JDK's
 * keytool for this run; the plugin trusts it through a trust store file holding that certificate, as an admin
 * would set it up.
 */
class Hl7v2TlsTest {

    private static final String SERVER_PASSWORD = "server-secret";
    private static final String TRUST_PASSWORD = "trust-secret";

    @TempDir
    static Path keys;

    private static Path trustStore;
    private static EhrServer ehr;

    private final Hl7v2Exporter exporter = new Hl7v2Exporter();

    @BeforeAll
    static void startWithASelfSignedCertificate() throws Exception {
        Path serverKeys = keys.resolve("ehr.p12");
        keytool("-genkeypair", "-alias", "ehr", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                serverKeys.toString(), "-storepass", SERVER_PASSWORD);
        KeyStore server = KeyStore.getInstance(serverKeys.toFile(), SERVER_PASSWORD.toCharArray());
        // what an admin gets from the EHR's team: its certificate alone, in a trust store of its own
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ehr", server.getCertificate("ehr"));
        trustStore = keys.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, TRUST_PASSWORD.toCharArray());
        }
        ehr = EhrServer.startTls(new TlsServerSockets(serverContext(server)));
    }

    @BeforeEach
    void acceptEverythingAgain() {
        ehr.reset();
    }

    @AfterAll
    static void stop() {
        if (ehr != null) {
            ehr.close();
        }
    }

    private FakeExporter overTls(String host) {
        return Hl7Exporters.configured(host, ehr.port()).with(InterfaceSettings.TLS, "true")
                .with(InterfaceSettings.TRUST_STORE_PATH, trustStore.toString())
                .with(InterfaceSettings.TRUST_STORE_PASSWORD, TRUST_PASSWORD);
    }

    @Test
    void withTheEhrsCertificateInTheTrustStoreTheDocumentIsExportedOverTls() {
        assertThat(exporter.export(overTls("localhost"), Exports.conversation()))
                .isEqualTo(new Exported(Exports.EXPORT_ID, null));
        assertThat(ehr.received()).singleElement().asString().contains("|MDM^T02^MDM_T02|");
        assertThat(ehr.structureProblems()).isEmpty();
    }

    @Test
    void testConnectionCompletesTheHandshakeAndNamesTheProtocol() {
        ConnectionCheck check = exporter.testConnection(overTls("localhost"));

        assertThat(check.ok()).isTrue();
        assertThat(check.message())
                .startsWith("Connected to the HL7 interface at localhost:" + ehr.port() + " over TLSv1.")
                .endsWith("; the certificate is trusted.");
    }

    @Test
    void aCertificateOutsideTheTrustStoreIsRefusedWithoutRetryingAndNothingIsSent() {
        FakeExporter publicCasOnly = overTls("localhost").with(InterfaceSettings.TRUST_STORE_PATH, null)
                .with(InterfaceSettings.TRUST_STORE_PASSWORD, null);

        assertThat(exporter.export(publicCasOnly, Exports.conversation())).isEqualTo(new Failed(false,
                "The EHR's TLS certificate at localhost:" + ehr.port() + " is not trusted or does not name this host: "
                        + "check the host and the trust store settings."));
        assertThat(exporter.testConnection(publicCasOnly).ok()).isFalse();
        assertThat(ehr.received()).isEmpty();
    }

    @Test
    void aCertificateIssuedForAnotherHostNameIsRefused() {
        assertThat(exporter.export(overTls("127.0.0.1"), Exports.conversation()))
                .isInstanceOfSatisfying(Failed.class, failed -> {
                    assertThat(failed.retryable()).isFalse();
                    assertThat(failed.reason()).contains("does not name this host");
                });
        assertThat(ehr.received()).isEmpty();
    }

    @Test
    void aWrongTrustStorePasswordIsReportedWithoutShowingIt() {
        FakeExporter wrongPassword = overTls("localhost").with(InterfaceSettings.TRUST_STORE_PASSWORD, "guess");

        assertThat(exporter.testConnection(wrongPassword)).isEqualTo(ConnectionCheck.failed(
                "The trust store could not be opened: check its path, type (PKCS12 or JKS) and password."));
    }

    @Test
    void tlsTowardsAListenerWithoutTlsFailsWithoutRetrying() {
        try (EhrServer plainEhr = EhrServer.start()) {
            FakeExporter tlsToPlain = overTls("localhost").with(InterfaceSettings.PORT,
                    Integer.toString(plainEhr.port()));

            assertThat(exporter.export(tlsToPlain, Exports.conversation())).isInstanceOfSatisfying(Failed.class,
                    failed -> assertThat(failed.reason()).contains("check that this port expects TLS"));
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream out = keytool.getInputStream()) {
            output = new String(out.readAllBytes());
        }
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    private static SSLContext serverContext(KeyStore store) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, SERVER_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /** HAPI's socket factory, with TLS server sockets from the test's own certificate. */
    private static final class TlsServerSockets extends StandardSocketFactory {

        private final SSLContext context;

        TlsServerSockets(SSLContext context) {
            this.context = context;
        }

        @Override
        public ServerSocket createTlsServerSocket() throws IOException {
            return context.getServerSocketFactory().createServerSocket();
        }
    }
}
