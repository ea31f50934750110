package org.parley.vonage;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.vonage.client.HttpConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.parley.plugin.testkit.FakeLine;

/** A provider pointed at a WireMock stand-in for Vonage's API, REST and media hosts, and a configured line. */
abstract class AbstractVonageTest {

    static final String API_KEY = "abcd1234";
    static final String API_SECRET = "api-secret-0123456789";

    protected WireMockServer vonage;
    protected VonageProvider provider;
    protected FakeLine line;

    @BeforeEach
    void startVonageStandIn() {
        vonage = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        vonage.start();
        provider = new VonageProvider(HttpConfig.builder().baseUri(vonage.baseUrl()).build());
        line = VonageLine.with(Map.of(
                VonageProvider.APPLICATION_ID, SignedRequests.APPLICATION_ID,
                VonageProvider.PRIVATE_KEY, TestKeys.privateKeyPem(),
                VonageProvider.SIGNATURE_SECRET, SignedRequests.SECRET,
                VonageProvider.API_KEY, API_KEY,
                VonageProvider.API_SECRET, API_SECRET));
    }

    @AfterEach
    void stopVonageStandIn() {
        vonage.stop();
    }
}
