package org.parley.vonage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import org.junit.jupiter.api.Test;

class VonageClientsTest {

    private final VonageClients clients = new VonageClients(HttpConfig.defaultConfig());
    private final Credentials credentials = new Credentials(SignedRequests.APPLICATION_ID, TestKeys.privateKeyPem(),
            null, null);

    @Test
    void linesWithTheSameCredentialsShareOneClient() throws InvalidCredentials {
        VonageClient first = clients.client(credentials);

        assertThat(clients.client(new Credentials(SignedRequests.APPLICATION_ID, TestKeys.privateKeyPem(), null,
                null))).isSameAs(first);
    }

    @Test
    void otherCredentialsGetAClientOfTheirOwn() throws InvalidCredentials {
        VonageClient first = clients.client(credentials);

        assertThat(clients.client(new Credentials(SignedRequests.APPLICATION_ID, TestKeys.privateKeyPem(),
                "abcd1234", "secret-123456"))).isNotSameAs(first);
    }

    @Test
    void aPrivateKeyOfTheWrongKindIsRefusedBeforeAnythingIsSent() {
        // the older PKCS#1 form ("RSA PRIVATE KEY"); Vonage hands out PKCS#8
        String rsaPkcs1 = "-----BEGIN RSA PRIVATE KEY-----\n"
                + "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                + "-----END RSA PRIVATE KEY-----\n";

        Credentials pkcs1 = new Credentials(SignedRequests.APPLICATION_ID, rsaPkcs1, null, null);

        assertThatThrownBy(() -> clients.client(pkcs1))
                .isInstanceOf(InvalidCredentials.class)
                .hasMessageContaining("private key")
                .hasMessageNotContaining("MIIB");
    }

    @Test
    void credentialsNeverShowTheirSecretsWhenPrinted() {
        Credentials withApiKey = new Credentials(SignedRequests.APPLICATION_ID, TestKeys.privateKeyPem(), "abcd1234",
                "secret-123456");

        assertThat(withApiKey.toString()).doesNotContain("PRIVATE KEY").doesNotContain("secret-123456");
    }
}
