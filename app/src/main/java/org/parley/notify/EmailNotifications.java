package org.parley.notify;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.base.PublicBaseUrl;
import org.parley.security.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Sends notification e-mails. They leave on one thread of their own: the inbox never waits for a mail server, a slow
 * or dead one delays only e-mails, and the quiet period is checked without races. An e-mail says where a message is
 * and links to it, never who wrote or what (no PHI in subject, body or link). A failure is logged with ids and the
 * mail server's reason only.
 */
@Component
class EmailNotifications {

    private static final Logger log = LoggerFactory.getLogger(EmailNotifications.class);

    private final MailSetup mail;
    private final StaffDirectory staff;
    private final EmailQuietPeriod quietPeriod;
    private final PublicBaseUrl baseUrl;
    private final Clock clock;
    private final String from;
    private final ExecutorService sending = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "parley-notify-mail");
        thread.setDaemon(true);
        return thread;
    });

    EmailNotifications(MailSetup mail, StaffDirectory staff, EmailQuietPeriod quietPeriod, PublicBaseUrl baseUrl,
                       Clock clock, @Value("${parley.notify.email-from:}") String from) {
        this.mail = mail;
        this.staff = staff;
        this.quietPeriod = quietPeriod;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.from = from == null ? "" : from.strip();
    }

    /** Queues the e-mail of a notice; nothing happens when IT has not set up e-mail. */
    void send(Notice notice) {
        if (mail.configured()) {
            // The quiet period counts from when messages arrived, not from when a busy queue got to them.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            sending.execute(() -> deliver(notice, now));
        }
    }

    private void deliver(Notice notice, Instant arrivedAt) {
        try {
            Optional<String> address = staff.emailOf(notice.staffId());
            if (address.isEmpty()) {
                log.debug("No e-mail address for staff member {}: notification not e-mailed", notice.staffId());
                return;
            }
            if (!quietPeriod.claim(notice, arrivedAt)) {
                log.debug("Staff member {} was e-mailed about conversation {} within the quiet period",
                        notice.staffId(), notice.conversationId());
                return;
            }
            try {
                mail.sender().orElseThrow().send(message(notice, address.get()));
                log.debug("Notification e-mailed to staff member {} about conversation {}", notice.staffId(),
                        notice.conversationId());
            } catch (RuntimeException failed) {
                quietPeriod.release(notice, arrivedAt);
                throw failed;
            }
        } catch (RuntimeException failed) {
            // The e-mail carries no PHI, so neither can the mail server's answer; the stack trace adds nothing for IT.
            log.warn("Notification e-mail to staff member {} about conversation {} failed: {}", notice.staffId(),
                    notice.conversationId(), reason(failed));
        }
    }

    SimpleMailMessage message(Notice notice, String to) {
        String link = baseUrl.resolve("/inbox/" + notice.conversationId()).toString();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(sender());
        message.setTo(to);
        message.setSubject(notice.title());
        String what = notice.kind() == Notice.Kind.MENTION ? "A colleague mentioned you in a note."
                : notice.title() + ".";
        message.setText(what + "\n\n"
                + "Open it in Parley: " + link + "\n\n"
                + "For the patients' privacy this e-mail never says who wrote or what.\n"
                + "You get it because you chose e-mail for \"" + notice.because() + "\" under Notifications: "
                + baseUrl.resolve("/notifications") + "\n");
        return message;
    }

    private String sender() {
        return from.isEmpty() ? "Parley <parley@" + baseUrl.get().getHost() + ">" : from;
    }

    private static String reason(Throwable failed) {
        Throwable root = failed;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failed ? failed.getClass().getSimpleName() + ": " + failed.getMessage()
                : failed.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage()
                + ")";
    }

    /** Waits until every e-mail queued so far was sent or given up: for tests, which must not sleep. */
    void awaitQueued(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        sending.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        sending.shutdown();
        if (!sending.awaitTermination(10, TimeUnit.SECONDS)) {
            sending.shutdownNow();
        }
    }
}
