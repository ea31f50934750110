package org.parley.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.base.FormFields;
import org.parley.base.PublicBaseUrl;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulated SMS network behind sandbox lines. Phones text the practice through the line's signed
 * webhook; the practice's messages arrive here from the sandbox plugin, are stored on the phone, and are
 * reported back as sent and then delivered (or undelivered, for numbers ending in 0000) through the
 * status webhook. An outage switch makes the carrier answer 503, as a real provider does when it is down.
 *
 * <p>Longer than 300 lines on purpose: it is a whole carrier in one place (the phones' store, their texts in both
 * directions, the status reports sent back through the webhook, pictures fetched by link, the outage switch), so
 * that what the sandbox does differently from a real network can be read in one file.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class SandboxCarrier implements DisposableBean {

    static final String SIGNING_SECRET = "signingSecret";
    private static final Logger log = LoggerFactory.getLogger(SandboxCarrier.class);

    private final PhoneMessageRepository phoneMessages;
    private final LineService lines;
    private final PublicBaseUrl baseUrl;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-carrier");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean outage;
    private volatile Duration answerDelay = Duration.ZERO;
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();

    SandboxCarrier(PhoneMessageRepository phoneMessages, LineService lines, PublicBaseUrl baseUrl,
                   ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.phoneMessages = phoneMessages;
        this.lines = lines;
        this.baseUrl = baseUrl;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** What happened when a phone texted the practice. */
    public record Sent(boolean accepted, String problem) {
    }

    /** The sandbox lines a phone can text. */
    public List<LineSnapshot> sandboxLines() {
        return lines.all().stream().filter(l -> "sandbox".equals(l.providerId())).toList();
    }

    /** Whether the carrier is simulating an outage. */
    public boolean isOutage() {
        return outage;
    }

    /** Starts or ends a simulated outage: while on, the practice's sends are answered 503. */
    public void setOutage(boolean outage) {
        this.outage = outage;
    }

    /**
     * Simulates a congested carrier: it takes (and delivers) each message the practice sends at once, but answers only
     * after {@code delay}. Longer than the sandbox plugin's time-out, the practice never learns the outcome of the send
     * (as when its node dies mid-send), which is what the "may not have been sent" check is for. Zero turns it off.
     */
    public void setAnswerDelay(Duration delay) {
        this.answerDelay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** Whether the carrier refuses texts to a phone, as if it had opted out at the carrier. */
    public boolean isBlocked(String phoneNumber) {
        return blocked.contains(phoneNumber);
    }

    /** Makes the carrier refuse (or accept again) texts to a phone: Twilio's error 21610 in the sandbox. */
    public void setBlocked(String phoneNumber, boolean refuse) {
        if (refuse) {
            blocked.add(phoneNumber);
        } else {
            blocked.remove(phoneNumber);
        }
    }

    /**
     * A simulated phone calls a sandbox line and leaves a voicemail: the call, the recording and the
     * transcript reach Parley through the line's voice webhooks, in that order or with the transcript first.
     *
     * @throws IllegalArgumentException when the number, line or recording is not usable
     */
    public Sent leaveVoicemail(String lineId, String phoneNumber, String audioType, String audioName, byte[] audio,
                               String transcript, boolean transcriptFirst) {
        String from = validNumber(phoneNumber);
        if (audio == null || audio.length == 0) {
            throw new IllegalArgumentException("Choose a recording (an audio file) to leave.");
        }
        LineSnapshot line = sandboxLine(lineId);
        String callId = "SBC" + UUID.randomUUID().toString().replace("-", "");
        String text = transcript == null ? "" : transcript.strip();
        tx.executeWithoutResult(status -> {
            PhoneMessage message = new PhoneMessage(callId, line.id(), from, PhoneMessage.FROM_PHONE,
                    "Voicemail" + (text.isEmpty() ? "" : ": " + text), null, "sent", clock.instant());
            message.attach(audioType == null ? "audio/mpeg" : audioType, audioName, audio);
            phoneMessages.save(message);
        });
        events.publishEvent(new PhoneChanged());
        Map<String, String> call = new LinkedHashMap<>();
        call.put("CallId", callId);
        call.put("From", from);
        call.put("To", line.number());
        Map<String, String> recording = new LinkedHashMap<>();
        recording.put("CallId", callId);
        recording.put("RecordingUrl", baseUrl.resolve("/sandbox-carrier/media/" + callId).toString());
        Map<String, String> transcription = new LinkedHashMap<>();
        transcription.put("CallId", callId);
        transcription.put("TranscriptionText", text);
        List<Object[]> parts = new ArrayList<>();
        parts.add(new Object[] {"voice", call});
        if (transcriptFirst && !text.isEmpty()) {
            parts.add(new Object[] {"transcription", transcription});
        }
        parts.add(new Object[] {"recording", recording});
        if (!transcriptFirst && !text.isEmpty()) {
            parts.add(new Object[] {"transcription", transcription});
        }
        for (Object[] part : parts) {
            @SuppressWarnings("unchecked")
            Map<String, String> fields = (Map<String, String>) part[1];
            int status = post(baseUrl.resolve("/webhooks/" + line.id() + "/" + part[0]), secret(line),
                    FormFields.encode(fields));
            if (status / 100 != 2) {
                return new Sent(false, status < 0 ? "Parley could not be reached" : "Parley answered HTTP " + status
                        + " to the " + part[0] + " webhook");
            }
        }
        return new Sent(true, null);
    }

    /**
     * A simulated phone texts a sandbox line: the text goes to Parley through the line's signed webhook.
     *
     * @throws IllegalArgumentException when the number, line or text is not usable
     */
    public Sent textPractice(String lineId, String phoneNumber, String text, String pictureType, String pictureName,
                             byte[] picture) {
        String from = validNumber(phoneNumber);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() && picture == null) {
            throw new IllegalArgumentException("Write a text or choose a picture.");
        }
        LineSnapshot line = sandboxLine(lineId);
        String carrierId = "SBX" + UUID.randomUUID().toString().replace("-", "");
        tx.executeWithoutResult(status -> {
            PhoneMessage message = new PhoneMessage(carrierId, line.id(), from, PhoneMessage.FROM_PHONE, body, null,
                    "sent", clock.instant());
            if (picture != null) {
                message.attach(pictureType, pictureName, picture);
            }
            phoneMessages.save(message);
        });
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageId", carrierId);
        form.put("From", from);
        form.put("To", line.number());
        form.put("Body", body);
        if (picture != null) {
            form.put("MediaUrl", baseUrl.resolve("/sandbox-carrier/media/" + carrierId).toString());
        }
        URI webhook = baseUrl.resolve("/webhooks/" + line.id() + "/sms");
        int status = post(webhook, secret(line), FormFields.encode(form));
        events.publishEvent(new PhoneChanged());
        if (status / 100 == 2) {
            return new Sent(true, null);
        }
        String problem = status < 0 ? "Parley could not be reached" : "Parley answered HTTP " + status;
        tx.executeWithoutResult(s -> phoneMessages.findByCarrierMessageId(carrierId)
                .ifPresent(m -> m.status("not delivered: " + problem)));
        return new Sent(false, problem);
    }

    private static String validNumber(String phoneNumber) {
        String number = phoneNumber == null ? "" : phoneNumber.replaceAll("[\\s().-]", "");
        if (!number.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("Type the phone's number in international format, e.g. +19292038684.");
        }
        return number;
    }

    private LineSnapshot sandboxLine(String lineId) {
        return lines.find(lineId == null ? "" : lineId).filter(l -> "sandbox".equals(l.providerId()))
                .orElseThrow(() -> new IllegalArgumentException("Choose a sandbox line."));
    }

    /** Whether a ping comes from a sandbox line that signs with its secret (the plugin's "Test connection"). */
    boolean ping(URI url, byte[] rawBody, String from, String signature) {
        return lines.findByNumber(from == null ? "" : from).filter(l -> "sandbox".equals(l.providerId()))
                .map(line -> CarrierSignature.valid(secret(line), url, rawBody, signature)).orElse(false);
    }

    /** The newest messages on a phone, oldest first for reading. */
    @Transactional(readOnly = true)
    public List<PhoneEntry> phone(String phoneNumber, int limit) {
        List<PhoneEntry> entries = new ArrayList<>(phoneMessages
                .findByPhoneNumberOrderByCreatedAtDescIdDesc(phoneNumber, PageRequest.of(0, limit)).stream()
                .map(PhoneMessage::entry).toList());
        Collections.reverse(entries);
        return entries;
    }

    /** How many messages the practice delivered to a phone. */
    @Transactional(readOnly = true)
    public long receivedCount(String phoneNumber) {
        return phoneMessages.countByPhoneNumberAndDirection(phoneNumber, PhoneMessage.TO_PHONE);
    }

    /** The carrier's answer to the practice's send request. */
    record Answer(int status, Map<String, String> fields) {
    }

    /** The practice (the sandbox plugin) hands the carrier a message for a phone. */
    Answer accept(URI url, byte[] rawBody, Map<String, String> form, List<String> mediaUrls, List<String> mediaTypes,
                  List<String> mediaNames, List<String> mediaData, String signature) {
        String from = form.getOrDefault("From", "");
        Optional<LineSnapshot> line = lines.findByNumber(from).filter(l -> "sandbox".equals(l.providerId()));
        if (line.isEmpty() || !CarrierSignature.valid(secret(line.get()), url, rawBody, signature)) {
            return new Answer(403, Map.of("ErrorCode", "bad-signature",
                    "ErrorMessage", "the sandbox carrier did not recognise the line's signature"));
        }
        if (outage) {
            return new Answer(503, Map.of("ErrorCode", "outage", "ErrorMessage", "the sandbox carrier is down"));
        }
        String to = form.getOrDefault("To", "");
        if (!to.matches("\\+[1-9][0-9]{6,14}")) {
            return new Answer(400, Map.of("ErrorCode", "invalid-number",
                    "ErrorMessage", "the recipient's number is not a valid phone number"));
        }
        if (blocked.contains(to)) {
            return new Answer(400, Map.of("ErrorCode", "opted-out",
                    "ErrorMessage", "the recipient opted out of texts at the carrier"));
        }
        String key = form.get("IdempotencyKey");
        LineSnapshot sandboxLine = line.get();
        boolean seenBefore = key != null && Boolean.TRUE.equals(tx.execute(status ->
                phoneMessages.findByLineIdAndIdempotencyKey(sandboxLine.id(), key).isPresent()));
        // A picture sent by link is fetched now, as a real carrier does before it accepts an MMS; the phone keeps the
        // first picture of a message.
        Picture picture = null;
        if (!seenBefore && !mediaUrls.isEmpty()) {
            picture = fetch(mediaUrls.get(0)).orElse(null);
            if (picture == null) {
                return new Answer(400, Map.of("ErrorCode", "media-unavailable",
                        "ErrorMessage", "the sandbox carrier could not fetch the picture from its link"));
            }
        } else if (!mediaData.isEmpty()) {
            picture = new Picture(mediaTypes.isEmpty() ? "application/octet-stream" : mediaTypes.get(0),
                    mediaNames.isEmpty() ? null : mediaNames.get(0),
                    Base64.getDecoder().decode(mediaData.get(0)));
        }
        Picture attached = picture;
        PhoneMessage stored = tx.execute(status -> {
            if (key != null) {
                Optional<PhoneMessage> earlier = phoneMessages.findByLineIdAndIdempotencyKey(sandboxLine.id(), key);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            PhoneMessage message = new PhoneMessage("SBX" + UUID.randomUUID().toString().replace("-", ""),
                    sandboxLine.id(), to, PhoneMessage.TO_PHONE, form.getOrDefault("Body", ""), key, "accepted",
                    clock.instant());
            if (attached != null) {
                message.attach(attached.contentType(), attached.fileName(), attached.data());
            }
            return phoneMessages.save(message);
        });
        events.publishEvent(new PhoneChanged());
        String callback = form.get("StatusCallback");
        if (callback != null && !callback.isBlank() && "accepted".equals(stored.entry().status())) {
            String carrierId = stored.getCarrierMessageId();
            callbacks.schedule(() -> report(sandboxLine, carrierId, to, URI.create(callback), "sent", 1),
                    150, TimeUnit.MILLISECONDS);
            boolean unreachable = to.endsWith("0000");
            callbacks.schedule(() -> report(sandboxLine, carrierId, to, URI.create(callback),
                    unreachable ? "undelivered" : "delivered", 1), 400, TimeUnit.MILLISECONDS);
        }
        Duration delay = answerDelay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new Answer(201, Map.of("MessageId", stored.getCarrierMessageId()));
    }

    /**
     * The practice (the sandbox plugin) asks whether the carrier already has a message, by the key it sent it with:
     * 200 with its {@code MessageId}, or 404. The key is the sandbox's whole truth: it never delivers one key twice.
     */
    Answer lookup(URI url, byte[] rawBody, Map<String, String> form, String signature) {
        Optional<LineSnapshot> line = lines.findByNumber(form.getOrDefault("From", ""))
                .filter(l -> "sandbox".equals(l.providerId()));
        if (line.isEmpty() || !CarrierSignature.valid(secret(line.get()), url, rawBody, signature)) {
            return new Answer(403, Map.of("ErrorCode", "bad-signature",
                    "ErrorMessage", "the sandbox carrier did not recognise the line's signature"));
        }
        if (outage) {
            return new Answer(503, Map.of("ErrorCode", "outage", "ErrorMessage", "the sandbox carrier is down"));
        }
        String key = form.getOrDefault("IdempotencyKey", "");
        Optional<String> found = key.isBlank() ? Optional.empty() : tx.execute(status -> phoneMessages
                .findByLineIdAndIdempotencyKey(line.get().id(), key).map(PhoneMessage::getCarrierMessageId));
        return found.map(id -> new Answer(200, Map.of("MessageId", id)))
                .orElseGet(() -> new Answer(404, Map.of("ErrorCode", "not-found",
                        "ErrorMessage", "the sandbox carrier has no message with this key")));
    }

    /** A picture or file on a phone. */
    public record Picture(String contentType, String fileName, byte[] data) {
    }

    /** The picture or file that came with a message on a phone, to show it there. */
    @Transactional(readOnly = true)
    public Optional<Picture> picture(long phoneMessageId) {
        return phoneMessages.findById(phoneMessageId).filter(m -> m.getMediaData() != null)
                .map(m -> new Picture(m.getMediaContentType(), m.getMediaFileName(), m.getMediaData()));
    }

    /** Fetches a picture from the practice's public link, as a carrier does. */
    private Optional<Picture> fetch(String link) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(link))
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length == 0) {
                return Optional.empty();
            }
            String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            return Optional.of(new Picture(type.split(";")[0].strip(), null, response.body()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A picture a phone sent, fetched by the sandbox plugin with a signed request. */
    Optional<PhoneMessage> media(URI url, String carrierId, String signature) {
        return phoneMessages.findByCarrierMessageId(carrierId)
                .filter(m -> m.getMediaData() != null)
                .filter(m -> lines.find(m.getLineId())
                        .map(line -> CarrierSignature.valid(secret(line), url, new byte[0], signature)).orElse(false));
    }

    private void report(LineSnapshot line, String carrierId, String phone, URI callback, String status, int attempt) {
        tx.executeWithoutResult(s -> phoneMessages.findByCarrierMessageId(carrierId).ifPresent(m -> m.status(status)));
        events.publishEvent(new PhoneChanged());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageId", carrierId);
        form.put("Status", status);
        if ("undelivered".equals(status)) {
            form.put("ErrorCode", "30003");
            form.put("ErrorMessage", "The handset is unreachable");
        }
        int answer = post(callback, secret(line), FormFields.encode(form));
        if (answer / 100 != 2 && attempt < 6) {
            // A status may overtake the practice's record of the send: report again, as providers do.
            callbacks.schedule(() -> report(line, carrierId, phone, callback, status, attempt + 1),
                    250L * attempt, TimeUnit.MILLISECONDS);
        }
    }

    private int post(URI url, String secret, String form) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(CarrierSignature.HEADER, CarrierSignature.of(secret, url, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            log.warn("The sandbox carrier could not reach Parley's webhook: {}", e.getClass().getSimpleName());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String secret(LineSnapshot line) {
        return line.settings().getOrDefault(SIGNING_SECRET, "");
    }

    @Override
    public void destroy() {
        callbacks.shutdownNow();
    }
}
