package org.parley.line;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.parley.base.PublicBaseUrl;
import org.parley.plugin.Capability;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.LineContext;
import org.parley.plugin.LineType;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.MediaFetcher;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.ProviderDescriptor;
import org.parley.plugin.SendResult;
import org.parley.plugin.SentCheck;
import org.parley.plugin.Settings;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.parley.provider.HttpMediaFetcher;
import org.parley.provider.MediaRefused;
import org.parley.provider.ProviderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Talks to a line's provider plugin: sends through it, and lets it verify and read webhooks. Builds the
 * {@link LineContext} a plugin gets, and keeps a plugin's failure from escaping as anything but a result.
 */
@Service
public class LineGateway {

    /**
     * The meter of {@link #send} (Prometheus {@code parley_messages_send_seconds}): tags {@code line} (the line's id)
     * and {@code outcome}; its count is the messages sent by outcome, its sum and max the provider's latency.
     */
    public static final String SEND_METER = "parley.messages.send";

    private static final Logger log = LoggerFactory.getLogger(LineGateway.class);

    private final LineService lines;
    private final ProviderRegistry providers;
    private final PublicBaseUrl baseUrl;
    private final HttpMediaFetcher mediaFetcher;
    private final MeterRegistry meters;

    LineGateway(LineService lines, ProviderRegistry providers, PublicBaseUrl baseUrl, HttpMediaFetcher mediaFetcher,
                MeterRegistry meters) {
        this.lines = lines;
        this.providers = providers;
        this.baseUrl = baseUrl;
        this.mediaFetcher = mediaFetcher;
        this.meters = meters;
    }

    /** The descriptor of the provider serving a line, when its plugin is loaded. */
    public Optional<ProviderDescriptor> descriptor(String lineId) {
        return lines.find(lineId).flatMap(line -> providers.provider(line.providerId()))
                .map(MessagingProvider::descriptor);
    }

    /** The public webhook URL of a line for one of its provider's events. */
    public URI webhookUrl(String lineId, String event) {
        return baseUrl.resolve("/webhooks/" + lineId + "/" + event);
    }

    /**
     * Hands a message to the line's provider. Never throws: a missing line or plugin, or a plugin that
     * throws, comes back as a failure (temporary, so that installing the plugin or fixing the line lets the
     * message go out).
     */
    public SendResult send(String lineId, OutboundMessage message) {
        long start = System.nanoTime();
        SendResult result = sendNow(lineId, message);
        Timer.builder(SEND_METER).description("Messages handed to a line's provider, by outcome, and how long it took")
                .tag("line", lineId).tag("outcome", outcome(result))
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    /** {@code accepted}, or the kind of failure in lower case ({@code temporary}, {@code recipient_opted_out}...). */
    static String outcome(SendResult result) {
        return switch (result) {
            case SendResult.Accepted accepted -> "accepted";
            case SendResult.Failed failed -> failed.kind().name().toLowerCase(Locale.ROOT);
        };
    }

    private SendResult sendNow(String lineId, OutboundMessage message) {
        Optional<LineSnapshot> line = lines.find(lineId);
        if (line.isEmpty()) {
            return SendResult.permanentFailure(SendResult.FailureKind.CONFIGURATION, null,
                    "line '" + lineId + "' no longer exists");
        }
        Optional<MessagingProvider> provider = providers.provider(line.get().providerId());
        if (provider.isEmpty()) {
            return SendResult.temporaryFailure(null,
                    "provider plugin '" + line.get().providerId() + "' is not loaded");
        }
        try {
            return provider.get().send(context(line.get()), message);
        } catch (RuntimeException e) {
            log.warn("Provider '{}' failed while sending on line '{}': {}", line.get().providerId(), lineId,
                    e.getClass().getName());
            return SendResult.temporaryFailure(null, "the provider plugin failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Asks the line's provider whether it already has a message whose earlier attempt has an unknown outcome. Never
     * throws: a missing line or plugin, or a plugin that throws, answers {@link SentCheck.Unknown}.
     */
    public SentCheck findSent(String lineId, OutboundMessage message, Instant notBefore) {
        Optional<LineSnapshot> line = lines.find(lineId);
        if (line.isEmpty()) {
            return SentCheck.unknown("the line no longer exists");
        }
        Optional<MessagingProvider> provider = providers.provider(line.get().providerId());
        if (provider.isEmpty()) {
            return SentCheck.unknown("provider plugin '" + line.get().providerId() + "' is not loaded");
        }
        try {
            SentCheck answer = provider.get().findSent(context(line.get()), message, notBefore);
            return answer == null ? SentCheck.unknown("the provider plugin gave no answer") : answer;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a plugin whose classes do not match the API it was built against.
            log.warn("Provider '{}' failed while looking up a sent message on line '{}': {}",
                    line.get().providerId(), lineId, e.getClass().getName());
            return SentCheck.unknown("the provider plugin failed: " + e.getClass().getSimpleName());
        }
    }

    /** Asks the line's provider what kind of phone a number is. */
    public LineType lookupLineType(String lineId, String e164) {
        return lines.find(lineId).flatMap(line -> providers.provider(line.providerId())
                        .filter(p -> p.descriptor().can(Capability.LINE_TYPE_LOOKUP))
                        .map(p -> p.lookupLineType(context(line), e164)))
                .orElse(LineType.UNKNOWN);
    }

    /** Asks the line's provider whether its settings work, for the admin's "Test connection". */
    public ConnectionCheck testConnection(String lineId) {
        Optional<LineSnapshot> line = lines.find(lineId);
        if (line.isEmpty()) {
            return ConnectionCheck.failed("Save the line first.");
        }
        Optional<MessagingProvider> provider = providers.provider(line.get().providerId());
        if (provider.isEmpty()) {
            return ConnectionCheck.failed(
                    "The provider plugin '" + line.get().providerId() + "' is not loaded.");
        }
        try {
            return provider.get().testConnection(context(line.get()));
        } catch (RuntimeException | LinkageError e) {
            log.warn("Provider '{}' failed testing line '{}': {}", line.get().providerId(), lineId,
                    e.getClass().getName());
            return ConnectionCheck.failed("The provider plugin failed: " + e.getClass().getSimpleName());
        }
    }

    /** Verifies and reads a webhook call made to {@code /webhooks/{lineId}/{event}}. */
    public WebhookReading readWebhook(String lineId, String event, WebhookRequest request) {
        Optional<LineSnapshot> line = lines.find(lineId);
        if (line.isEmpty()) {
            return new WebhookReading.Refused(404, "unknown line");
        }
        return readWebhook(line.get(), event, request);
    }

    /** The line a webhook names, looked up before its body is read (a post to no line is not read at all). */
    public Optional<LineSnapshot> line(String lineId) {
        return lines.find(lineId);
    }

    /** Reads a webhook for a line found with {@link #line}. */
    public WebhookReading readWebhook(LineSnapshot found, String event, WebhookRequest request) {
        Optional<LineSnapshot> line = Optional.of(found);
        Optional<MessagingProvider> provider = providers.provider(line.get().providerId());
        if (provider.isEmpty()) {
            return new WebhookReading.Refused(503, "the line's provider plugin is not loaded");
        }
        if (!Set.copyOf(provider.get().descriptor().webhookEvents()).contains(event)) {
            return new WebhookReading.Refused(404, "unknown webhook event for this provider");
        }
        UnfetchedMedia unfetched = UnfetchedMedia.none();
        LineContext context = context(line.get(), unfetched);
        try {
            if (!provider.get().isAuthentic(context, request)) {
                return new WebhookReading.Refused(403, "signature missing or not valid");
            }
            WebhookOutcome outcome = provider.get().handleWebhook(context, event, request);
            return new WebhookReading.Read(line.get(), outcome, unfetched);
        } catch (MalformedWebhookException e) {
            return new WebhookReading.Refused(400, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Provider '{}' failed reading a '{}' webhook on line '{}': {}", line.get().providerId(),
                    event, found.id(), e.getClass().getName());
            return new WebhookReading.Refused(500, "the provider plugin failed to read the webhook");
        }
    }

    /**
     * Asks the line's provider to fetch again media a webhook announced but Parley could not fetch then.
     *
     * @throws MediaFetchException when it still cannot be fetched (a missing line or plugin included);
     *                             {@link MediaRefused} when fetching again can never work
     */
    public Media fetchMediaAgain(String lineId, URI uri) throws MediaFetchException {
        LineSnapshot line = lines.find(lineId).orElseThrow(() -> new MediaFetchException("the line no longer exists"));
        MessagingProvider provider = providers.provider(line.providerId()).orElseThrow(
                () -> new MediaFetchException("provider plugin '" + line.providerId() + "' is not loaded"));
        try {
            Media media = provider.fetchMediaAgain(context(line), uri);
            if (media == null) {
                throw new MediaFetchException("the provider plugin fetched nothing");
            }
            return media;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a plugin built against an API without fetchMediaAgain that still declares it.
            log.warn("Provider '{}' failed fetching media again on line '{}': {}", line.providerId(), lineId,
                    e.getClass().getName());
            throw new MediaFetchException("the provider plugin failed: " + e.getClass().getSimpleName());
        }
    }

    private LineContext context(LineSnapshot line) {
        return context(line, null);
    }

    /**
     * The context a plugin gets. Reading a webhook ({@code unfetched} not null), media that cannot be fetched comes
     * back to the plugin as a placeholder instead of a failure: the patient's text is stored, the media fetched later.
     */
    private LineContext context(LineSnapshot line, UnfetchedMedia unfetched) {
        MediaFetcher fetcher = mediaFetcher.forProvider(line.providerId());
        MediaFetcher media = unfetched == null ? fetcher : (uri, headers) -> {
            try {
                return fetcher.fetch(uri, headers);
            } catch (MediaFetchException e) {
                log.info("Media announced on line '{}' could not be fetched, kept as a placeholder: {}", line.id(),
                        e.getMessage());
                return unfetched.placeholder(uri, !(e instanceof MediaRefused), e.getMessage());
            }
        };
        Settings settings = new Settings() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(line.settings().get(name));
            }

            @Override
            public Set<String> names() {
                return line.settings().keySet();
            }
        };
        return new LineContext() {
            @Override
            public String lineId() {
                return line.id();
            }

            @Override
            public String number() {
                return line.number();
            }

            @Override
            public Settings settings() {
                return settings;
            }

            @Override
            public URI webhookUrl(String event) {
                return LineGateway.this.webhookUrl(line.id(), event);
            }

            @Override
            public URI publicBaseUrl() {
                return baseUrl.get();
            }

            @Override
            public MediaFetcher media() {
                return media;
            }
        };
    }

    /** What became of a webhook call. */
    public sealed interface WebhookReading {

        /** Refused with an HTTP status and a reason that carries no PHI. */
        record Refused(int status, String reason) implements WebhookReading {
        }

        /** Authentic and read, with the media that could not be fetched while reading it. */
        record Read(LineSnapshot line, WebhookOutcome outcome, UnfetchedMedia unfetched) implements WebhookReading {

            public Read(LineSnapshot line, WebhookOutcome outcome) {
                this(line, outcome, UnfetchedMedia.none());
            }
        }
    }
}
