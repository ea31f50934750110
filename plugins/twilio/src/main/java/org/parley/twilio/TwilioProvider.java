package org.parley.twilio;

import com.twilio.base.Page;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.hc.client5.http.ConnectTimeoutException;
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
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Texts, pictures, voicemail and line type lookups through Twilio, with the official twilio-java SDK.
 *
 * <p>One instance serves every Twilio line; lines of the same account and token share one
 * {@link TwilioRestClient}. Nothing here logs or throws a number or a text: Twilio's own error messages quote
 * numbers, so they pass through {@link Redaction} first.
 *
 * <p>Longer than 300 lines on purpose: it is the plugin API's {@code MessagingProvider} for Twilio, one method per
 * thing the API asks of a provider (send, find a sent message, webhooks, line types, connection test, media), each a
 * few lines over the SDK; webhooks, signatures, send failures and redaction are in classes of their own.
 */
@Extension
public class TwilioProvider implements MessagingProvider {

    private static final Logger log = LoggerFactory.getLogger(TwilioProvider.class);

    static final String GREETING = "greeting";
    static final String DEFAULT_GREETING = "You have reached the practice. Please leave a message after the tone. "
            + "We answer voicemails by text.";

    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(
            "twilio",
            "Twilio",
            "Texts, pictures and voicemail through a Twilio phone number. The Account SID and Auth Token are on "
                    + "the Twilio Console's home page (console.twilio.com), under Account Info. Then open Phone "
                    + "Numbers > Manage > Active numbers, click this line's number and paste, as HTTP POST: "
                    + "the 'sms' webhook URL under Messaging at 'A message comes in', and the 'voice' webhook URL "
                    + "under Voice at 'A call comes in'. The other URLs need no pasting: Parley gives Twilio the "
                    + "'status' URL with every message it sends, and the 'recording' and 'transcription' URLs "
                    + "with every call it answers.",
            List.of(
                    ConfigProperty.text(Credentials.ACCOUNT_SID, "Account SID",
                            "Starts with AC. Twilio Console, home page, Account Info.").asRequired(),
                    ConfigProperty.secret(Credentials.AUTH_TOKEN, "Auth Token",
                            "Twilio Console, home page, Account Info (click to reveal). Also signs Twilio's webhooks."),
                    ConfigProperty.text(GREETING, "Voicemail greeting",
                            "What a caller hears before the tone; Twilio reads it out.").withDefault(DEFAULT_GREETING)),
            Set.of(Capability.SMS, Capability.MMS, Capability.VOICE, Capability.LINE_TYPE_LOOKUP),
            List.of(TwilioWebhooks.SMS, TwilioWebhooks.STATUS, TwilioWebhooks.VOICE, TwilioWebhooks.RECORDING,
                    TwilioWebhooks.TRANSCRIPTION),
            1600);

    private final Function<Credentials, TwilioRestClient> newClient;
    // One per account and token: the SDK's client is thread-safe and holds the connection pool. A rotated token
    // leaves its old client here unused; there are only ever a handful.
    private final ConcurrentMap<Credentials, TwilioRestClient> clients = new ConcurrentHashMap<>();

    /** For PF4J: talks to Twilio over the SDK's HTTP client, one attempt per call. */
    public TwilioProvider() {
        this(restClientsOver(new SingleAttemptHttpClient()));
    }

    /** With another way to make the SDK's REST client, e.g. one whose HTTP client talks to a stand-in server. */
    TwilioProvider(Function<Credentials, TwilioRestClient> newClient) {
        this.newClient = newClient;
    }

    /** REST clients that all send through {@code http}. */
    static Function<Credentials, TwilioRestClient> restClientsOver(HttpClient http) {
        return credentials -> new TwilioRestClient.Builder(credentials.accountSid(), credentials.authToken())
                .httpClient(http)
                .build();
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Creates a Message. Twilio offers no idempotency key for Messages (see README): the message key cannot be
     * passed on. A send whose answer was lost after the request went out (a read time-out, a dropped connection) is
     * therefore {@link FailureKind#OUTCOME_UNKNOWN}, and the app asks {@link #findSent} before sending it again; only a
     * request that never left (no connection) is a plain temporary failure.
     */
    @Override
    public SendResult send(LineContext line, OutboundMessage message) {
        if (!message.media().isEmpty() && message.mediaUrls().isEmpty()) {
            return SendResult.permanentFailure(FailureKind.REJECTED, null, "pictures need public media URLs");
        }
        Credentials credentials;
        try {
            credentials = Credentials.of(line.settings());
        } catch (IllegalStateException e) {
            return SendResult.permanentFailure(FailureKind.CONFIGURATION, null, e.getMessage());
        }
        PhoneNumber to = new PhoneNumber(message.to());
        PhoneNumber from = new PhoneNumber(message.from());
        List<URI> mediaUrls = message.mediaUrls();
        MessageCreator creator = message.text().isEmpty() && !mediaUrls.isEmpty()
                ? Message.creator(to, from, mediaUrls)
                : Message.creator(to, from, message.text());
        if (!mediaUrls.isEmpty()) {
            creator.setMediaUrl(mediaUrls);
        }
        if (message.statusCallbackUrl() != null) {
            creator.setStatusCallback(message.statusCallbackUrl());
        }
        try {
            return SendResult.accepted(creator.create(client(credentials)).getSid());
        } catch (ApiConnectionException e) {
            return neverLeft(e) ? SendResult.temporaryFailure(null, SendFailures.UNREACHABLE)
                    : SendResult.outcomeUnknown(SendFailures.NO_ANSWER);
        } catch (ApiException e) {
            SendResult failure = SendFailures.of(e);
            log.info("Twilio did not take a message: HTTP {}, error {}", e.getStatusCode(), e.getCode());
            return failure;
        } catch (TwilioException e) {
            log.warn("Twilio send failed: {}", e.getClass().getName());
            return SendResult.temporaryFailure(null, "the Twilio SDK failed: " + e.getClass().getSimpleName());
        }
    }

    /** Whether the request certainly never reached Twilio: no connection was made. */
    static boolean neverLeft(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Looks the message up in Twilio's Messages list (no idempotency key to ask by): messages from the line's number
     * to the patient, sent since the day the unknown attempt began ({@code DateSent>=}), created since
     * {@code notBefore}, with the same text. A message Twilio has not sent yet has no DateSent and is not in that list,
     * so the newest page of the pair's messages without the date filter is read too. Found: its SID. Neither list has
     * it: {@code NotFound}. Twilio cannot be asked, or the lists are longer than Parley reads: {@code Unknown}.
     *
     * <p>Two texts with the same words to the same patient within minutes of each other cannot be told apart: the
     * lookup then answers {@code Found}, so Parley errs towards not texting twice.
     */
    @Override
    public SentCheck findSent(LineContext line, OutboundMessage message, Instant notBefore) {
        Credentials credentials;
        try {
            credentials = Credentials.of(line.settings());
        } catch (IllegalStateException e) {
            return SentCheck.unknown(e.getMessage());
        }
        try {
            TwilioRestClient client = client(credentials);
            ResourceSet<Message> sent = Message.reader().setTo(new PhoneNumber(message.to()))
                    .setFrom(new PhoneNumber(message.from()))
                    .setDateSentAfter(notBefore.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS))
                    .setPageSize((long) LOOKUP_PAGE).limit(LOOKUP_LIMIT).read(client);
            int read = 0;
            for (Message candidate : sent) {
                read++;
                if (same(candidate, message, notBefore)) {
                    return SentCheck.found(candidate.getSid());
                }
            }
            if (read >= LOOKUP_LIMIT) {
                return SentCheck.unknown("Twilio lists more messages to this patient than Parley looks through");
            }
            Page<Message> newest = Message.reader().setTo(new PhoneNumber(message.to()))
                    .setFrom(new PhoneNumber(message.from())).setPageSize((long) LOOKUP_PAGE).firstPage(client);
            for (Message candidate : newest.getRecords()) {
                if (same(candidate, message, notBefore)) {
                    return SentCheck.found(candidate.getSid());
                }
            }
            return SentCheck.notFound();
        } catch (ApiException e) {
            log.info("Twilio message lookup failed: HTTP {}, error {}", e.getStatusCode(), e.getCode());
            return SentCheck.unknown("Twilio did not answer the lookup (HTTP " + e.getStatusCode() + ")");
        } catch (RuntimeException e) {
            log.info("Twilio message lookup failed: {}", e.getClass().getName());
            return SentCheck.unknown("Twilio cannot be reached for the lookup");
        }
    }

    private static final int LOOKUP_PAGE = 50;
    private static final int LOOKUP_LIMIT = 200;

    private static boolean same(Message candidate, OutboundMessage message, Instant notBefore) {
        if (candidate.getDirection() != null && candidate.getDirection() == Message.Direction.INBOUND) {
            return false;
        }
        if (candidate.getDateCreated() != null && candidate.getDateCreated().toInstant().isBefore(notBefore)) {
            return false;
        }
        String body = candidate.getBody() == null ? "" : candidate.getBody();
        // A trial account prefixes "Sent from your Twilio trial account - ".
        return body.equals(message.text()) || (!message.text().isEmpty() && body.endsWith(" - " + message.text()));
    }

    @Override
    public boolean isAuthentic(LineContext line, WebhookRequest request) {
        String token = line.settings().get(Credentials.AUTH_TOKEN).map(String::trim).orElse("");
        return WebhookSignature.matches(token, request);
    }

    @Override
    public WebhookOutcome handleWebhook(LineContext line, String event, WebhookRequest request)
            throws MalformedWebhookException {
        return switch (event) {
            case TwilioWebhooks.SMS -> TwilioWebhooks.inboundMessage(line, Credentials.of(line.settings()), request);
            case TwilioWebhooks.STATUS -> TwilioWebhooks.deliveryStatus(request);
            case TwilioWebhooks.VOICE -> TwilioWebhooks.incomingCall(line, greeting(line), request);
            case TwilioWebhooks.RECORDING -> TwilioWebhooks.recording(line, Credentials.of(line.settings()), request);
            case TwilioWebhooks.TRANSCRIPTION -> TwilioWebhooks.transcription(request);
            default -> throw new MalformedWebhookException("Twilio has no '" + event + "' webhook");
        };
    }

    /** A picture or recording the webhook could not fetch, fetched again with the account's credentials. */
    @Override
    public Media fetchMediaAgain(LineContext line, URI uri)
            throws MediaFetchException {
        Credentials credentials;
        try {
            credentials = Credentials.of(line.settings());
        } catch (RuntimeException e) {
            throw new MediaFetchException("the line's Twilio credentials are missing");
        }
        return TwilioWebhooks.fetchMedia(line, credentials, uri);
    }

    /** Lookup v2's line type intelligence (a paid lookup); anything that goes wrong is {@link LineType#UNKNOWN}. */
    @Override
    public LineType lookupLineType(LineContext line, String e164Number) {
        try {
            com.twilio.rest.lookups.v2.PhoneNumber found = com.twilio.rest.lookups.v2.PhoneNumber.fetcher(e164Number)
                    .setFields("line_type_intelligence")
                    .fetch(client(Credentials.of(line.settings())));
            com.twilio.rest.lookups.v2.PhoneNumber.LineTypeIntelligenceInfo info = found.getLineTypeIntelligence();
            return info == null || info.getType() == null ? LineType.UNKNOWN : switch (info.getType()) {
                case "mobile" -> LineType.MOBILE;
                case "landline" -> LineType.LANDLINE;
                case "fixedVoip", "nonFixedVoip" -> LineType.VOIP;
                case "tollFree" -> LineType.TOLL_FREE;
                default -> LineType.UNKNOWN;
            };
        } catch (ApiException e) {
            log.info("Twilio line type lookup failed: HTTP {}, error {}", e.getStatusCode(), e.getCode());
            return LineType.UNKNOWN;
        } catch (RuntimeException e) {
            log.info("Twilio line type lookup failed: {}", e.getClass().getName());
            return LineType.UNKNOWN;
        }
    }

    /** Fetches the account: free, sends nothing, and proves both the SID and the token. */
    @Override
    public ConnectionCheck testConnection(LineContext line) {
        Credentials credentials;
        try {
            credentials = Credentials.of(line.settings());
        } catch (IllegalStateException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
        try {
            Account account = Account.fetcher(credentials.accountSid()).fetch(client(credentials));
            String name = account.getFriendlyName() == null ? credentials.accountSid() : account.getFriendlyName();
            if (account.getStatus() != null && account.getStatus() != Account.Status.ACTIVE) {
                return ConnectionCheck.failed("Twilio account " + name + " is " + account.getStatus());
            }
            return ConnectionCheck.ok("Connected to Twilio account " + name);
        } catch (ApiConnectionException e) {
            return ConnectionCheck.failed(SendFailures.UNREACHABLE);
        } catch (ApiException e) {
            return ConnectionCheck.failed(connectionProblem(e));
        } catch (TwilioException e) {
            return ConnectionCheck.failed("The Twilio SDK failed: " + e.getClass().getSimpleName());
        }
    }

    private static String connectionProblem(ApiException e) {
        Integer status = e.getStatusCode();
        Integer code = e.getCode();
        String which = code != null ? "error " + code : "HTTP " + status;
        if (e.getCause() instanceof IOException || status == null || status >= 500) {
            return SendFailures.UNREACHABLE;
        }
        if (status == 401 || status == 403 || Integer.valueOf(20003).equals(code)) {
            return "Twilio refused the credentials (" + which + ")";
        }
        if (status == 404) {
            return "Twilio has no account with this Account SID (" + which + ")";
        }
        return "Twilio answered with " + which;
    }

    private static String greeting(LineContext line) {
        return line.settings().get(GREETING).filter(s -> !s.isBlank()).orElse(DEFAULT_GREETING);
    }

    private TwilioRestClient client(Credentials credentials) {
        return clients.computeIfAbsent(credentials, newClient);
    }
}
