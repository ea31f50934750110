package org.parley.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.parley.base.PublicBaseUrl;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SecurityHeadersTest {

    private MockHttpServletResponse plainRequestTo(String publicAddress) throws Exception {
        PublicBaseUrl base = mock(PublicBaseUrl.class);
        when(base.get()).thenReturn(URI.create(publicAddress));
        MockHttpServletResponse response = new MockHttpServletResponse();
        // Behind a TLS proxy the request Parley sees is plain http.
        new SecurityHeaders(base).doFilter(new MockHttpServletRequest("GET", "/inbox"), response, new MockFilterChain());
        return response;
    }

    @Test
    void behindATlsProxyHstsIsSentBecauseThePublicAddressIsHttps() throws Exception {
        assertThat(plainRequestTo("https://parley.example.org").getHeader("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000; includeSubDomains");
    }

    @Test
    void onPlainHttpWithoutAnHttpsAddressNoHstsIsSent() throws Exception {
        assertThat(plainRequestTo("http://localhost:8080").getHeader("Strict-Transport-Security")).isNull();
    }

    @Test
    void pagesMayConnectOnlyToParleyItself() throws Exception {
        String policy = plainRequestTo("http://localhost:8080").getHeader("Content-Security-Policy");
        assertThat(policy).contains("connect-src 'self';").doesNotContain("ws:").doesNotContain("wss:");
        assertThat(plainRequestTo("http://localhost:8080").getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
