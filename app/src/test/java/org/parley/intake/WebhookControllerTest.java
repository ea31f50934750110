package org.parley.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.parley.base.PublicBaseUrl;
import org.parley.line.LineGateway.WebhookReading;
import org.parley.line.LineGateway;
import org.parley.line.LineSnapshot;
import org.parley.plugin.WebhookOutcome;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;

/** What a provider is answered when Parley cannot store its webhook: always something it retries, never a redirect. */
class WebhookControllerTest {

    private final LineGateway gateway = mock(LineGateway.class);
    private final InboundIntake intake = mock(InboundIntake.class);
    private final PublicBaseUrl baseUrl = mock(PublicBaseUrl.class);
    private final IntakeSettings settings = new IntakeSettings(1, Duration.ZERO, 3,
            DataSize.ofKilobytes(64));
    private final IntakeGate gate = new IntakeGate(settings);
    private final WebhookController controller = new WebhookController(gateway, intake, baseUrl, gate, settings);

    @BeforeEach
    void aValidWebhook() {
        when(baseUrl.resolve(anyString())).thenReturn(URI.create("http://localhost/webhooks/sandbox/sms"));
        LineSnapshot line = mock(LineSnapshot.class);
        when(gateway.line("sandbox")).thenReturn(Optional.of(line));
        when(gateway.readWebhook(any(LineSnapshot.class), anyString(), any()))
                .thenReturn(new WebhookReading.Read(line, WebhookOutcome.of()));
    }

    private ResponseEntity<String> post() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/sandbox/sms");
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent("MessageId=SM1&From=%2B19295550100&Body=hello".getBytes());
        return controller.receive("sandbox", "sms", request);
    }

    @Test
    void aPostToNoLineIsAnswered404WithoutItsBodyBeingRead() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/nowhere/sms");
        request.setContent(new byte[0]);
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body of a post to no line was read");
            }
        };
        MockHttpServletRequest spied = Mockito.spy(request);
        Mockito.doReturn(new DelegatingServletInputStream(untouchable))
                .when(spied).getInputStream();

        assertThat(controller.receive("nowhere", "sms", spied).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aBodyLargerThanTheLimitIsAnswered413AndNothingIsStored() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/sandbox/sms");
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent(("Body=" + "x".repeat(70_000)).getBytes());

        ResponseEntity<String> answer = controller.receive("sandbox", "sms", request);

        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(answer.getBody()).isEqualTo("the request body is larger than 65536 bytes");
        verify(intake, never()).record(any(), anyList(), any());
    }

    @Test
    void aBodyWithoutALengthThatGrowsPastTheLimitIsCutOffAndAnswered413() throws Exception {
        MockHttpServletRequest request = Mockito.spy(new MockHttpServletRequest("POST",
                "/webhooks/sandbox/sms"));
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        Mockito.doReturn(-1L).when(request).getContentLengthLong();
        Mockito.doReturn(new DelegatingServletInputStream(endless))
                .when(request).getInputStream();

        assertThat(controller.receive("sandbox", "sms", request).getStatusCode().value()).isEqualTo(413);
        verify(intake, never()).record(any(), anyList(), any());
    }

    @Test
    void noConnectionInTimeIsAnswered503WithRetryAfter() throws Exception {
        when(intake.record(any(), anyList(), any())).thenThrow(new CannotCreateTransactionException("pool exhausted"));

        ResponseEntity<String> answer = post();

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void aRaceLostOnEveryAttemptIsTriedAsOftenAsConfiguredThenAnswered503() throws Exception {
        when(intake.record(any(), anyList(), any())).thenThrow(
                new ObjectOptimisticLockingFailureException("Conversation", 1L));

        assertThat(post().getStatusCode().value()).isEqualTo(503);
        verify(intake, times(3)).record(any(), anyList(), any());
    }

    @Test
    void aRaceLostOnceIsTriedAgainAndStored() throws Exception {
        when(intake.record(any(), anyList(), any())).thenThrow(new DataIntegrityViolationException("duplicate"))
                .thenReturn(InboundIntake.Result.RECORDED);

        assertThat(post().getStatusCode().value()).isEqualTo(200);
        verify(intake, times(2)).record(any(), anyList(), any());
    }

    @Test
    void anyOtherFailureIsAnswered500WithoutARedirectOrTheExceptionsText() throws Exception {
        when(intake.record(any(), anyList(), any())).thenThrow(new IllegalStateException("Jane Roe wrote: my rash"));

        ResponseEntity<String> answer = post();

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().getLocation()).isNull();
        assertThat(answer.getBody()).doesNotContain("Jane").doesNotContain("rash");
    }

    @Test
    void aWebhookBeyondTheIntakeLimitIsTurnedAwayAt503WithoutTouchingTheDatabase() throws Exception {
        assertThat(gate.enter()).isTrue(); // the one permitted webhook is being stored
        try {
            ResponseEntity<String> answer = post();

            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            verify(intake, never()).record(any(), anyList(), any());
        } finally {
            gate.leave();
        }
        assertThat(post().getStatusCode().value()).isEqualTo(200);
    }
}
