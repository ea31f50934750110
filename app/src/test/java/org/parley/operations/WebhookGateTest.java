package org.parley.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebhookGateTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WebhookGate gate = new WebhookGate(meters);
    private final AtomicInteger reachedParley = new AtomicInteger();

    @Test
    void whileParleyRunsAWebhookGoesThroughAndIsCountedByItsAnswer() throws Exception {
        MockHttpServletResponse response = call(403);

        assertThat(reachedParley).hasValue(1);
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(count("bad_signature")).isEqualTo(1);
    }

    @Test
    void onceParleyStopsAWebhookIsAnswered503SoTheProviderRetriesAndNothingReadsIt() throws Exception {
        gate.parleyStops();

        MockHttpServletResponse response = call(200);

        assertThat(reachedParley).as("the webhook never reached the controller").hasValue(0);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(count("stopping")).isEqualTo(1);
        assertThat(count("accepted")).isZero();
    }

    @Test
    void outcomesAreTheAnswersAProviderGets() {
        assertThat(WebhookGate.outcome(200)).isEqualTo("accepted");
        assertThat(WebhookGate.outcome(204)).isEqualTo("accepted");
        assertThat(WebhookGate.outcome(400)).isEqualTo("malformed");
        assertThat(WebhookGate.outcome(403)).isEqualTo("bad_signature");
        assertThat(WebhookGate.outcome(404)).isEqualTo("unknown");
        assertThat(WebhookGate.outcome(409)).isEqualTo("retry_later");
        assertThat(WebhookGate.outcome(503)).isEqualTo("unavailable");
        assertThat(WebhookGate.outcome(500)).isEqualTo("error");
    }

    private MockHttpServletResponse call(int controllerStatus) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/sandbox/sms");
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(request, response, (req, res) -> {
            reachedParley.incrementAndGet();
            ((MockHttpServletResponse) res).setStatus(controllerStatus);
        });
        return response;
    }

    private double count(String outcome) {
        var counter = meters.find(WebhookGate.METER).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
