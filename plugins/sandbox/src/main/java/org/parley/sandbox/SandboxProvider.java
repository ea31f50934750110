package org.parley.sandbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.parley.plugin.Capability;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.DeliveryStatus;
import org.parley.plugin.LineContext;
import org.parley.plugin.LineType;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.ProviderDescriptor;
import org.parley.plugin.ProviderEvent;
import org.parley.plugin.SendResult;
import org.parley.plugin.SentCheck;
import org.parley.plugin.SendResult.FailureKind;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.pf4j.Extension;

/**
 * A provider whose carrier is Parley's patient phone simulator, spoken to over HTTP exactly as a real
 * provider would be: signed form posts both ways, so the app's webhook path is the one real lines use.
 */
@Extension
public class SandboxProvider implements MessagingProvider {

    static final String SIGNING_SECRET = "signingSecret";
    static final String CARRIER_URL = "carrierUrl";

    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(
            "sandbox",
            "Sandbox (simulated phones)",
            "Sends texts to Parley's built-in patient phone simulator instead of real phones. For trying "
                    + "Parley out and for training; no message leaves this server.",
            List.of(
                    ConfigProperty.secret(SIGNING_SECRET, "Signing secret",
                                    "Key the simulated carrier signs its webhooks with. Left blank, Parley generates one.")
                            .generatedWhenBlank(),
                    ConfigProperty.url(CARRIER_URL, "Carrier URL",
                            "Where the simulated carrier listens. Blank: this Parley's own simulator, "
                                    + "{public-base-url}/sandbox-carrier.")),
            Set.of(Capability.SMS, Capability.MMS, Capability.VOICE, Capability.LINE_TYPE_LOOKUP),
            List.of("sms", "status", "voice", "recording", "transcription"),
            1600);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public SendResult send(LineContext line, OutboundMessage message) {
        URI url = carrier(line).resolve("messages");
        FormBody form = new FormBody()
                .add("IdempotencyKey", message.messageKey())
                .add("From", message.from())
                .add("To", message.to())
                .add("Body", message.text())
                .add("StatusCallback", message.statusCallbackUrl() == null ? null : message.statusCallbackUrl().toString());
        if (!message.mediaUrls().isEmpty()) {
            // Like a real provider's carrier, the sandbox fetches the pictures from Parley's public links.
            for (URI mediaUrl : message.mediaUrls()) {
                form.add("MediaUrl", mediaUrl.toString());
            }
        } else {
            // An app older than API 1.1.0 gives no links: the content travels in the request.
            for (Media media : message.media()) {
                form.add("MediaContentType", media.contentType())
                        .add("MediaFileName", media.fileName() == null ? "" : media.fileName())
                        .add("MediaData", Base64.getEncoder().encodeToString(media.data()));
            }
        }
        byte[] body = form.bytes();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SandboxSignature.HEADER, SandboxSignature.sign(secret(line), url, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException notConnected) {
            // the request never left: nothing can have been sent
            return SendResult.temporaryFailure(null, "the sandbox carrier cannot be reached");
        } catch (IOException e) {
            // timed out or broke after the request went out: the carrier may have the message
            return SendResult.outcomeUnknown("the sandbox carrier did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.outcomeUnknown("sending was interrupted before the sandbox carrier answered");
        }
        Map<String, String> answer = FormBody.parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2 && answer.containsKey("MessageId")) {
            return SendResult.accepted(answer.get("MessageId"));
        }
        String code = answer.get("ErrorCode");
        String reason = answer.getOrDefault("ErrorMessage", "the sandbox carrier answered HTTP " + status);
        if (status >= 500 || status == 429) {
            return SendResult.temporaryFailure(code, reason);
        }
        FailureKind kind = switch (code == null ? "" : code) {
            case "opted-out" -> FailureKind.RECIPIENT_OPTED_OUT;
            case "invalid-number" -> FailureKind.INVALID_RECIPIENT;
            case "media-unavailable" -> FailureKind.REJECTED;
            case "bad-signature" -> FailureKind.CONFIGURATION;
            default -> FailureKind.REJECTED;
        };
        return SendResult.permanentFailure(kind, code, reason);
    }

    /**
     * Asks the sandbox carrier by the message key, which it keeps with every message and never delivers twice: its
     * answer is certain ({@code Found} or {@code NotFound}) whenever the carrier answers, {@code Unknown} only when it
     * cannot be reached.
     */
    @Override
    public SentCheck findSent(LineContext line, OutboundMessage message, Instant notBefore) {
        URI url = carrier(line).resolve("lookup");
        byte[] body = new FormBody().add("From", message.from()).add("IdempotencyKey", message.messageKey()).bytes();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SandboxSignature.HEADER, SandboxSignature.sign(secret(line), url, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return SentCheck.unknown("the sandbox carrier cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SentCheck.unknown("the lookup was interrupted");
        }
        Map<String, String> answer = FormBody.parse(response.body());
        if (response.statusCode() == 200 && answer.containsKey("MessageId")) {
            return SentCheck.found(answer.get("MessageId"));
        }
        if (response.statusCode() == 404) {
            return SentCheck.notFound();
        }
        return SentCheck.unknown(answer.getOrDefault("ErrorMessage",
                "the sandbox carrier answered HTTP " + response.statusCode()));
    }

    @Override
    public boolean isAuthentic(LineContext line, WebhookRequest request) {
        String secret = line.settings().get(SIGNING_SECRET).orElse("");
        if (secret.isBlank()) {
            return false;
        }
        return SandboxSignature.matches(secret, request.url(), request.body(),
                request.header(SandboxSignature.HEADER).orElse(null));
    }

    @Override
    public WebhookOutcome handleWebhook(LineContext line, String event, WebhookRequest request)
            throws MalformedWebhookException {
        return switch (event) {
            case "sms" -> WebhookOutcome.of(inbound(line, request));
            case "status" -> WebhookOutcome.of(status(request));
            case "voice" -> WebhookOutcome.of(new ProviderEvent.Voicemail(request.requireParameter("CallId"),
                    request.requireParameter("From"), request.parameter("To").orElse(line.number()), null, null, null));
            case "recording" -> WebhookOutcome.of(recording(line, request));
            case "transcription" -> WebhookOutcome.of(new ProviderEvent.Voicemail(request.requireParameter("CallId"),
                    null, null, null, request.requireParameter("TranscriptionText"), null));
            default -> throw new MalformedWebhookException("the sandbox has no '" + event + "' webhook");
        };
    }

    private ProviderEvent recording(LineContext line, WebhookRequest request) throws MalformedWebhookException {
        String callId = request.requireParameter("CallId");
        Media recording = fetch(line, request.requireParameter("RecordingUrl"), "RecordingUrl");
        Duration length = null;
        String seconds = request.parameter("RecordingDuration").orElse("");
        if (seconds.matches("[0-9]{1,5}")) {
            length = Duration.ofSeconds(Long.parseLong(seconds));
        }
        return new ProviderEvent.Voicemail(callId, null, null, recording, null, length);
    }

    private static Media fetch(LineContext line, String url, String field) throws MalformedWebhookException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new MalformedWebhookException("field '" + field + "' is not a URL");
        }
        try {
            return line.media().fetch(uri,
                    Map.of(SandboxSignature.HEADER, SandboxSignature.sign(secret(line), uri, new byte[0])));
        } catch (MediaFetchException e) {
            throw new MalformedWebhookException("the media could not be fetched: " + e.getMessage());
        }
    }

    @Override
    public ConnectionCheck testConnection(LineContext line) {
        if (line.settings().get(SIGNING_SECRET).filter(s -> !s.isBlank()).isEmpty()) {
            return ConnectionCheck.failed("The line has no signing secret yet: save it once to generate one.");
        }
        URI url = carrier(line).resolve("ping");
        byte[] body = new FormBody().add("From", line.number()).bytes();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SandboxSignature.HEADER, SandboxSignature.sign(secret(line), url, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return switch (status) {
                case 200 -> ConnectionCheck.ok("The sandbox carrier accepted this line's signing secret.");
                case 403 -> ConnectionCheck.failed("The sandbox carrier did not recognise this line's number and "
                        + "signing secret.");
                default -> ConnectionCheck.failed("The sandbox carrier answered HTTP " + status + ".");
            };
        } catch (IOException e) {
            return ConnectionCheck.failed("The sandbox carrier cannot be reached at " + carrier(line) + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("The test was interrupted.");
        }
    }

    private ProviderEvent inbound(LineContext line, WebhookRequest request) throws MalformedWebhookException {
        String id = request.requireParameter("MessageId");
        String from = request.requireParameter("From");
        String to = request.parameter("To").orElse(line.number());
        String text = request.parameter("Body").orElse("");
        List<Media> media = new ArrayList<>();
        String mediaUrl = request.parameter("MediaUrl").orElse("");
        if (!mediaUrl.isBlank()) {
            media.add(fetch(line, mediaUrl, "MediaUrl"));
        }
        if (text.isBlank() && media.isEmpty()) {
            throw new MalformedWebhookException("field 'Body' is empty and there is no media");
        }
        return new ProviderEvent.InboundMessage(id, from, to, text, media);
    }

    private ProviderEvent status(WebhookRequest request) throws MalformedWebhookException {
        String id = request.requireParameter("MessageId");
        String value = request.requireParameter("Status").toLowerCase(Locale.ROOT);
        DeliveryStatus status = switch (value) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "undelivered" -> DeliveryStatus.UNDELIVERED;
            case "failed" -> DeliveryStatus.FAILED;
            case "read" -> DeliveryStatus.READ;
            default -> throw new MalformedWebhookException("field 'Status' has an unknown value");
        };
        return new ProviderEvent.DeliveryUpdate(id, status, request.parameter("ErrorCode").orElse(null),
                request.parameter("ErrorMessage").orElse(null));
    }

    /**
     * The sandbox answers without a carrier call, by the number's exchange, so that every kind can be tried without
     * hitting the numbers people make up for a demo: {@code (xxx) 200-xxxx} is a landline, {@code (xxx) 201-xxxx}
     * VoIP, every other number a mobile. (The Patient phone page says so.)
     */
    @Override
    public LineType lookupLineType(LineContext line, String e164Number) {
        if (e164Number == null || e164Number.isEmpty()) {
            return LineType.UNKNOWN;
        }
        String exchange = e164Number.startsWith("+1") && e164Number.length() == 12 ? e164Number.substring(5, 8) : "";
        return switch (exchange) {
            case LANDLINE_EXCHANGE -> LineType.LANDLINE;
            case VOIP_EXCHANGE -> LineType.VOIP;
            default -> LineType.MOBILE;
        };
    }

    /** The exchange of the sandbox's landlines, (xxx) 200-xxxx. */
    static final String LANDLINE_EXCHANGE = "200";
    /** The exchange of the sandbox's VoIP numbers, (xxx) 201-xxxx. */
    static final String VOIP_EXCHANGE = "201";

    private static URI carrier(LineContext line) {
        String configured = line.settings().get(CARRIER_URL).filter(s -> !s.isBlank())
                .orElse(line.publicBaseUrl().toString().replaceAll("/+$", "") + "/sandbox-carrier");
        return URI.create(configured.endsWith("/") ? configured : configured + "/");
    }

    private static String secret(LineContext line) {
        return line.settings().require(SIGNING_SECRET);
    }
}
