package org.parley.vonage;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageApiResponseException;
import com.vonage.client.VonageClient;
import com.vonage.client.VonageClientException;
import com.vonage.client.VonageUnexpectedException;
import com.vonage.client.account.BalanceResponse;
import com.vonage.client.insight.CarrierDetails;
import com.vonage.client.insight.InsightStatus;
import com.vonage.client.insight.StandardInsightResponse;
import com.vonage.client.messages.MessageRequest;
import com.vonage.client.messages.mms.MmsImageRequest;
import com.vonage.client.messages.sms.SmsTextRequest;
import com.vonage.client.voice.CallsFilter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.parley.plugin.Capability;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.LineContext;
import org.parley.plugin.LineType;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.ProviderDescriptor;
import org.parley.plugin.SendResult.FailureKind;
import org.parley.plugin.SendResult;
import org.parley.plugin.SentCheck;
import org.parley.plugin.Settings;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vonage: texts through the Messages API (US pictures as MMS), voicemail through the Voice API, line types
 * through Number Insight. One instance serves every Vonage line; each line's credentials get one SDK client,
 * kept ({@link VonageClients}).
 *
 * <p>Longer than 300 lines on purpose: it is the plugin API's {@code MessagingProvider} for Vonage, one method per
 * thing the API asks of a provider (send, find a sent message, webhooks, line types, connection test, media), each a
 * few lines over the SDK; parsing webhooks, errors, credentials and redaction are in classes of their own.
 */
@Extension
public class VonageProvider implements MessagingProvider {

    static final String APPLICATION_ID = "applicationId";
    static final String PRIVATE_KEY = "privateKey";
    static final String SIGNATURE_SECRET = "signatureSecret";
    static final String API_KEY = "apiKey";
    static final String API_SECRET = "apiSecret";
    static final String GREETING = "greeting";

    static final String DEFAULT_GREETING = "You have reached the practice. Please leave a message after the tone. "
            + "We answer voicemails by text.";
    /** The longest SMS text the Messages API takes (the SDK enforces the same). */
    static final int MAX_TEXT_LENGTH = 1000;

    private static final Logger log = LoggerFactory.getLogger(VonageProvider.class);

    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(
            "vonage",
            "Vonage",
            "In the Vonage API Dashboard, create an application under Applications with a "
                    + "generated key pair: the browser downloads private.key, whose text is the private key here, "
                    + "and the page shows the application id. Turn on Messages and paste Parley's 'inbound' URL as "
                    + "the Inbound URL and its 'status' URL as the Status URL. Turn on Voice and paste the 'answer' "
                    + "URL as the Answer URL (GET) and the 'event' URL as the Event URL (POST); recording and "
                    + "transcription URLs are set by Parley on each call. Link the practice's number to the "
                    + "application. Under API Settings: SMS settings must be 'Messages API', and the signature "
                    + "secret (with the API key and secret, for line-type lookup) is on the same page.",
            List.of(
                    ConfigProperty.text(APPLICATION_ID, "Application ID",
                                    "Vonage dashboard > Applications > your application: the Application ID (a UUID).")
                            .asRequired(),
                    ConfigProperty.secret(PRIVATE_KEY, "Private key",
                            "The whole text of the private.key file downloaded when the application's key pair was "
                                    + "generated, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----."),
                    ConfigProperty.secret(SIGNATURE_SECRET, "Signature secret",
                            "Vonage dashboard > API Settings > Signature secret. Vonage signs every webhook with it; "
                                    + "Parley refuses webhooks it did not sign."),
                    ConfigProperty.text(API_KEY, "API key",
                            "Vonage dashboard > API Settings > API key. Only for line-type lookup (Number Insight, "
                                    + "charged per lookup) and the balance check; leave blank to do without."),
                    new ConfigProperty(API_SECRET, "API secret",
                            "Vonage dashboard > API Settings > API secret, with the API key above.",
                            ConfigProperty.Type.SECRET, false, null, false),
                    ConfigProperty.text(GREETING, "Voicemail greeting",
                                    "What callers hear before the tone; Vonage reads it out in US English.")
                            .withDefault(DEFAULT_GREETING)),
            Set.of(Capability.SMS, Capability.MMS, Capability.VOICE, Capability.LINE_TYPE_LOOKUP),
            List.of("inbound", "status", "answer", "event", "recording", "transcription"),
            MAX_TEXT_LENGTH);

    private final VonageClients clients;

    /** Talks to Vonage's production hosts. */
    public VonageProvider() {
        this(HttpConfig.defaultConfig());
    }

    /** Talks to the hosts in {@code httpConfig}: a stand-in for Vonage in tests. */
    VonageProvider(HttpConfig httpConfig) {
        this.clients = new VonageClients(httpConfig);
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public SendResult send(LineContext line, OutboundMessage message) {
        String from = PhoneNumbers.toVonage(message.from());
        if (from == null) {
            return SendResult.permanentFailure(FailureKind.CONFIGURATION, null,
                    "the line's number is not an E.164 phone number");
        }
        String to = PhoneNumbers.toVonage(message.to());
        if (to == null) {
            return SendResult.permanentFailure(FailureKind.INVALID_RECIPIENT, null,
                    "the recipient's number is not an E.164 phone number");
        }
        Credentials credentials;
        VonageClient client;
        try {
            credentials = Credentials.of(line.settings());
            client = clients.client(credentials);
        } catch (IllegalStateException | InvalidCredentials e) {
            return SendResult.permanentFailure(FailureKind.CONFIGURATION, null, e.getMessage());
        }
        MessageRequest request;
        try {
            request = request(message, from, to);
        } catch (NotSendable e) {
            return SendResult.permanentFailure(FailureKind.REJECTED, null, e.getMessage());
        }
        try {
            UUID id = client.getMessagesClient().sendMessage(request).getMessageUuid();
            return id == null ? SendResult.temporaryFailure(null, "Vonage answered without a message id")
                    : SendResult.accepted(id.toString());
        } catch (VonageApiResponseException e) {
            SendResult failure = VonageErrors.sendFailure(e, credentials.privateKey(), credentials.apiSecret());
            log.info("Vonage refused a message on line '{}': HTTP {}", line.lineId(), e.getStatusCode());
            return failure;
        } catch (VonageClientException | VonageUnexpectedException e) {
            // No answer, or one that is not Vonage's JSON (a proxy's error page): try again later.
            log.info("Vonage could not be reached from line '{}': {}", line.lineId(), e.getClass().getSimpleName());
            return VonageErrors.unreachable(e);
        }
    }

    /**
     * An SMS, or with a picture an MMS (Vonage sends MMS from US numbers only). {@code client_ref} carries
     * Parley's message key, so a retried message can be recognised in Vonage's records and status reports.
     */
    private static MessageRequest request(OutboundMessage message, String from, String to) throws NotSendable {
        String text = message.text();
        String statusUrl = message.statusCallbackUrl() == null ? null : message.statusCallbackUrl().toString();
        String clientRef = message.messageKey().length() <= 100 ? message.messageKey() : null;
        if (message.mediaUrls().isEmpty()) {
            if (text.isBlank()) {
                throw new NotSendable("the message is empty");
            }
            if (text.length() > MAX_TEXT_LENGTH) {
                throw new NotSendable("the text is longer than Vonage's " + MAX_TEXT_LENGTH + " characters");
            }
            SmsTextRequest.Builder sms = SmsTextRequest.builder().from(from).to(to).text(text);
            if (clientRef != null) {
                sms.clientRef(clientRef);
            }
            if (statusUrl != null) {
                sms.webhookUrl(statusUrl);
            }
            return built(sms);
        }
        if (message.mediaUrls().size() > 1) {
            throw new NotSendable("Vonage sends one picture per MMS; send the pictures one at a time");
        }
        String contentType = message.media().isEmpty() ? "image/*" : message.media().get(0).contentType();
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("image/")) {
            throw new NotSendable("Vonage MMS from Parley carries pictures only, not " + contentType.split(";")[0]);
        }
        URI picture = message.mediaUrls().get(0);
        String path = picture.getPath() == null ? "" : picture.getPath().toLowerCase(Locale.ROOT);
        if (!path.matches(".*\\.(jpe?g|png|gif)")) {
            throw new NotSendable("Vonage needs a picture's URL to end in .jpg, .jpeg, .png or .gif");
        }
        MmsImageRequest.Builder mms = MmsImageRequest.builder().from(from).to(to).url(picture.toString());
        if (!text.isBlank()) {
            mms.caption(text);
        }
        if (clientRef != null) {
            mms.clientRef(clientRef);
        }
        if (statusUrl != null) {
            mms.webhookUrl(statusUrl);
        }
        return built(mms);
    }

    private static MessageRequest built(MessageRequest.Builder<?, ?> builder) throws NotSendable {
        try {
            return builder.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            // The SDK's own checks (caption length, URL...): its message may quote the request, so it stays here.
            throw new NotSendable("Vonage would not accept this message as it stands (the SDK refused to build it)");
        }
    }

    @Override
    public boolean isAuthentic(LineContext line, WebhookRequest request) {
        Settings settings = line.settings();
        return SignedWebhook.isAuthentic(settings.get(SIGNATURE_SECRET).orElse(null),
                settings.get(APPLICATION_ID).orElse(null), request);
    }

    @Override
    public WebhookOutcome handleWebhook(LineContext line, String event, WebhookRequest request)
            throws MalformedWebhookException {
        return switch (event) {
            case "inbound" -> WebhookOutcome.of(
                    MessagesWebhooks.inbound(line, WebhookPayload.of(request), media(line)));
            case "status" -> MessagesWebhooks.status(WebhookPayload.of(request))
                    .map(WebhookOutcome::of).orElseGet(WebhookOutcome::of);
            case "answer" -> VoicemailWebhooks.answer(line, WebhookPayload.of(request), greeting(line));
            // Call progress (started, ringing, completed...): nothing for Parley, but Vonage wants a 200.
            case "event" -> WebhookOutcome.of();
            case "recording" -> WebhookOutcome.of(VoicemailWebhooks.recording(WebhookPayload.of(request), media(line)));
            case "transcription" -> VoicemailWebhooks.transcription(WebhookPayload.of(request), media(line))
                    .map(WebhookOutcome::of).orElseGet(WebhookOutcome::of);
            default -> throw new MalformedWebhookException("Vonage lines have no '" + event + "' webhook");
        };
    }

    /**
     * Number Insight Standard, with the account's API key and secret: the one line-type lookup SDK 9.3.1 has.
     * Vonage retires Number Insight in February 2027 for Identity Insights, which this SDK does not offer yet.
     */
    @Override
    public LineType lookupLineType(LineContext line, String e164Number) {
        String number = PhoneNumbers.toVonage(e164Number);
        if (number == null) {
            return LineType.UNKNOWN;
        }
        try {
            Credentials credentials = Credentials.of(line.settings());
            if (!credentials.hasApiKey()) {
                return LineType.UNKNOWN;
            }
            StandardInsightResponse insight = clients.client(credentials).getInsightClient()
                    .getStandardNumberInsight(number);
            if (insight.getStatus() != InsightStatus.SUCCESS) {
                return LineType.UNKNOWN;
            }
            CarrierDetails carrier = insight.getCurrentCarrier() != null
                    ? insight.getCurrentCarrier() : insight.getOriginalCarrier();
            if (carrier == null || carrier.getNetworkType() == null) {
                return LineType.UNKNOWN;
            }
            return switch (carrier.getNetworkType()) {
                case MOBILE -> LineType.MOBILE;
                case LANDLINE, LANDLINE_PREMIUM -> LineType.LANDLINE;
                case LANDLINE_TOLLFREE -> LineType.TOLL_FREE;
                case VIRTUAL -> LineType.VOIP;
                default -> LineType.UNKNOWN;
            };
        } catch (InvalidCredentials | RuntimeException e) {
            log.info("Vonage line-type lookup failed on line '{}': {}", line.lineId(), e.getClass().getSimpleName());
            return LineType.UNKNOWN;
        }
    }

    /**
     * Always {@code Unknown}: Vonage's Messages API takes no idempotency key and offers no way to list or search the
     * messages an application sent (its reports API is asynchronous and not enabled on every account), so Parley cannot
     * tell whether a message whose send had an unknown outcome reached Vonage. Such a message is shown to staff as
     * "may not have been sent - check before resending" rather than sent twice.
     */
    @Override
    public SentCheck findSent(LineContext line, OutboundMessage message, Instant notBefore) {
        return SentCheck.unknown("Vonage offers no lookup of sent messages");
    }

    /**
     * Asks Vonage for the most recent call (read-only, free) with the application's JWT, and, when the API key
     * and secret are set, for the account balance with them.
     */
    @Override
    public ConnectionCheck testConnection(LineContext line) {
        Credentials credentials;
        VonageClient client;
        try {
            credentials = Credentials.of(line.settings());
            client = clients.client(credentials);
        } catch (IllegalStateException | InvalidCredentials e) {
            return ConnectionCheck.failed(capitalised(e.getMessage()) + ".");
        }
        String[] secrets = {credentials.privateKey(), credentials.apiSecret(),
                line.settings().get(SIGNATURE_SECRET).orElse(null)};
        try {
            client.getVoiceClient().listCalls(CallsFilter.builder().pageSize(1).build());
        } catch (VonageApiResponseException e) {
            return ConnectionCheck.failed((e.getStatusCode() == 401 || e.getStatusCode() == 403
                    ? "Vonage refused the application id and private key" : "Vonage answered HTTP " + e.getStatusCode())
                    + ": " + VonageErrors.said(e, secrets) + ".");
        } catch (VonageClientException | VonageUnexpectedException e) {
            return ConnectionCheck.failed("Vonage could not be reached (" + e.getClass().getSimpleName() + ").");
        }
        if (!credentials.hasApiKey()) {
            return ConnectionCheck.ok("Vonage accepted the application id and private key. Without the API key "
                    + "and secret, numbers' line types are not looked up.");
        }
        try {
            BalanceResponse balance = client.getAccountClient().getBalance();
            return ConnectionCheck.ok("Vonage accepted the application id, the private key, the API key and the "
                    + "API secret; the account balance is " + String.format(Locale.ROOT, "%.2f", balance.getValue())
                    + " EUR.");
        } catch (VonageApiResponseException e) {
            return ConnectionCheck.failed("Vonage accepted the application but refused the API key and secret: "
                    + VonageErrors.said(e, secrets) + ".");
        } catch (VonageClientException | VonageUnexpectedException e) {
            return ConnectionCheck.failed("Vonage could not be reached (" + e.getClass().getSimpleName() + ").");
        }
    }

    /** A picture or recording the webhook could not fetch, fetched again with the application's credentials. */
    @Override
    public Media fetchMediaAgain(LineContext line, URI uri)
            throws MediaFetchException {
        return media(line).fetch(uri);
    }

    private MediaSource media(LineContext line) {
        return uri -> line.media().fetch(uri, mediaHeaders(line, uri));
    }

    /** The application's JWT for Vonage's media hosts; without usable credentials the fetch goes unauthorised. */
    private Map<String, String> mediaHeaders(LineContext line, URI uri) {
        if (!clients.isVonageHost(uri)) {
            return Map.of();
        }
        try {
            return clients.mediaHeaders(clients.client(Credentials.of(line.settings())), uri);
        } catch (IllegalStateException | InvalidCredentials e) {
            return Map.of();
        }
    }

    private static String greeting(LineContext line) {
        return line.settings().get(GREETING).map(String::strip).filter(g -> !g.isEmpty()).orElse(DEFAULT_GREETING);
    }

    private static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** A message Vonage would refuse as it stands: no point in asking. */
    private static final class NotSendable extends Exception {
        NotSendable(String reason) {
            super(reason);
        }
    }
}
