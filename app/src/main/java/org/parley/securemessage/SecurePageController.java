package org.parley.securemessage;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.parley.attachment.FileKind;
import org.parley.attachment.InlinePictures;
import org.parley.base.PublicBaseUrl;
import org.parley.conversation.media.MediaInfo;
import org.parley.practice.PracticeProfiles;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a secure link opens, {@code /s/{token}}: plain server-rendered HTML with forms, no Vaadin. Why not a
 * Vaadin route: the patient has no staff session and no account, the page must work on any phone without loading the
 * application's bundle, every request must be rate-limited and checked against the database on its own (a Vaadin UI
 * keeps state in a JVM's session, which several nodes do not share), and a form post per step keeps what is shown
 * before the check to exactly what this class writes. It takes no session (its own stateless filter chain) and gets
 * the same security headers as every response ({@code SecurityHeaders}); it has no scripts. The only state is the
 * remembered-browser cookie (HttpOnly, SameSite=Lax, Secure when served over https). Before the check it shows the
 * practice's name and nothing of the patient.
 */
@RestController
class SecurePageController {

    static final String COOKIE = "parley_secure";
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu", Locale.US);
    private static final DateTimeFormatter ES_DATE = DateTimeFormatter.ofPattern("d/M/uuuu", Locale.US);

    private final SecureLinks links;
    private final SecureRateLimit rates;
    private final PracticeProfiles practice;
    private final PublicBaseUrl baseUrl;
    private final SecureMessageSettings settings;
    private final Clock clock;

    SecurePageController(SecureLinks links, SecureRateLimit rates, PracticeProfiles practice, PublicBaseUrl baseUrl,
                         SecureMessageSettings settings, Clock clock) {
        this.links = links;
        this.rates = rates;
        this.practice = practice;
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/s/{token}")
    ResponseEntity<String> page(@PathVariable String token, @RequestParam(required = false) String lang,
                                @RequestParam(required = false) String sent,
                                @CookieValue(name = COOKIE, required = false) String cookie,
                                HttpServletRequest request) {
        if (!rates.allow(token, request.getRemoteAddr())) {
            return busy(lang);
        }
        Optional<SecureLinks.Link> found = links.find(token);
        if (found.isEmpty()) {
            return message(HttpStatus.NOT_FOUND, PageText.of(lang), "invalid", token);
        }
        SecureLinks.Link link = found.get();
        PageText text = PageText.of(lang != null ? lang : links.language(link));
        if (link.expired(clock.instant())) {
            return message(HttpStatus.GONE, text, "expired", token);
        }
        if (links.remembered(link, cookie)) {
            return html(HttpStatus.OK, text, token, shown(text, token, links.open(link), sent != null, null, null));
        }
        if (link.locked(clock.instant())) {
            return locked(text, token, link);
        }
        return html(HttpStatus.OK, text, token, checkForm(text, token, null));
    }

    @PostMapping("/s/{token}/check")
    ResponseEntity<String> check(@PathVariable String token, @RequestParam(required = false) String lang,
                                 @RequestParam(required = false) String dob,
                                 @CookieValue(name = COOKIE, required = false) String cookie,
                                 HttpServletRequest request) {
        if (!rates.allow(token, request.getRemoteAddr())) {
            return busy(lang);
        }
        Optional<SecureLinks.Link> found = links.find(token);
        if (found.isEmpty()) {
            return message(HttpStatus.NOT_FOUND, PageText.of(lang), "invalid", token);
        }
        SecureLinks.Link link = found.get();
        PageText text = PageText.of(lang != null ? lang : links.language(link));
        Optional<LocalDate> date = parse(dob);
        if (date.isEmpty()) {
            // A date that cannot be read is not a wrong date of birth: it does not count towards the lock.
            return html(HttpStatus.BAD_REQUEST, text, token, checkForm(text, token, "badDate"));
        }
        SecureLinks.CheckResult result = links.check(link, date.get(), cookie);
        return switch (result.outcome()) {
            case PASSED -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .header(HttpHeaders.LOCATION, "/s/" + token + "?lang=" + text.language())
                    .header(HttpHeaders.SET_COOKIE, rememberCookie(result.cookie(), request).toString())
                    .cacheControl(CacheControl.noStore()).build();
            case WRONG -> html(HttpStatus.OK, text, token, checkForm(text, token, "wrong"));
            case LOCKED, LOCKED_NOW -> locked(text, token, links.find(token).orElse(link));
            case EXPIRED -> message(HttpStatus.GONE, text, "expired", token);
        };
    }

    @PostMapping("/s/{token}/answer")
    ResponseEntity<String> answer(@PathVariable String token, @RequestParam(required = false) String lang,
                                  @RequestParam(required = false) String answer,
                                  @CookieValue(name = COOKIE, required = false) String cookie,
                                  HttpServletRequest request) {
        if (!rates.allow(token, request.getRemoteAddr())) {
            return busy(lang);
        }
        Optional<SecureLinks.Link> found = links.find(token).filter(link -> links.remembered(link, cookie));
        if (found.isEmpty()) {
            // Not (or no longer) verified in this browser: back to the page, which asks for the date of birth.
            return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/s/" + token)
                    .cacheControl(CacheControl.noStore()).build();
        }
        SecureLinks.Link link = found.get();
        PageText text = PageText.of(lang != null ? lang : links.language(link));
        try {
            links.answer(link, answer);
        } catch (IllegalArgumentException refused) {
            String error = "empty".equals(refused.getMessage()) ? "empty" : "tooLong";
            return html(HttpStatus.BAD_REQUEST, text, token,
                    shown(text, token, links.open(link), false, error, answer));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, "/s/" + token + "?lang=" + text.language() + "&sent=1")
                .cacheControl(CacheControl.noStore()).build();
    }

    @GetMapping("/s/{token}/files/{mediaId}")
    ResponseEntity<byte[]> file(@PathVariable String token, @PathVariable long mediaId,
                                @CookieValue(name = COOKIE, required = false) String cookie,
                                HttpServletRequest request) {
        if (!rates.allow(token, request.getRemoteAddr())) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).cacheControl(CacheControl.noStore()).build();
        }
        return links.find(token).filter(link -> links.remembered(link, cookie))
                .flatMap(link -> links.download(link, mediaId))
                .map(file -> {
                    String ending = FileKind.sentAs(file.getContentType()).map(FileKind::extension).orElse("bin");
                    return ResponseEntity.ok()
                            .contentType(MediaType.APPLICATION_OCTET_STREAM)
                            .cacheControl(CacheControl.noStore())
                            .header(HttpHeaders.CONTENT_DISPOSITION,
                                    "attachment; filename=\"attachment-" + mediaId + "." + ending + "\"")
                            .header("Content-Security-Policy", InlinePictures.ATTACHMENT_POLICY)
                            .body(file.getData());
                })
                .orElseGet(() -> ResponseEntity.notFound().cacheControl(CacheControl.noStore()).build());
    }

    private ResponseCookie rememberCookie(String value, HttpServletRequest request) {
        boolean https = request.isSecure() || "https".equals(baseUrl.get().getScheme());
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(https).sameSite("Lax").path("/s/")
                .maxAge(settings.rememberBrowserFor()).build();
    }

    static Optional<LocalDate> parse(String typed) {
        if (typed == null || typed.isBlank() || typed.length() > 20) {
            return Optional.empty();
        }
        String value = typed.strip();
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.ISO_LOCAL_DATE, US_DATE}) {
            try {
                return Optional.of(LocalDate.parse(value, format));
            } catch (DateTimeParseException notThisFormat) {
                // the next format
            }
        }
        return Optional.empty();
    }

    private ResponseEntity<String> busy(String lang) {
        PageText text = PageText.of(lang);
        return html(HttpStatus.TOO_MANY_REQUESTS, text, null, "<p role=\"alert\">" + esc(text.get("busy")) + "</p>");
    }

    private ResponseEntity<String> message(HttpStatus status, PageText text, String key, String token) {
        return html(status, text, status == HttpStatus.NOT_FOUND ? null : token,
                "<p role=\"alert\">" + esc(text.get(key)) + "</p>");
    }

    private ResponseEntity<String> locked(PageText text, String token, SecureLinks.Link link) {
        long minutes = link.lockedUntil() == null ? settings.lockFor().toMinutes()
                : Math.max(1, (Duration.between(clock.instant(), link.lockedUntil()).toSeconds() + 59) / 60);
        return html(HttpStatus.FORBIDDEN, text, token,
                "<p role=\"alert\" id=\"locked\">" + esc(String.format(text.get("locked"), minutes)) + "</p>");
    }

    private String checkForm(PageText text, String token, String errorKey) {
        String error = errorKey == null ? "" : "<p class=\"error\" id=\"dob-error\" role=\"alert\">"
                + esc(text.get(errorKey)) + "</p>";
        return "<p>" + esc(text.get("intro")) + "</p>"
                + "<form method=\"post\" action=\"/s/" + esc(token) + "/check\" novalidate>"
                + "<input type=\"hidden\" name=\"lang\" value=\"" + text.language() + "\">"
                + "<label for=\"dob\">" + esc(text.get("dob")) + "</label>"
                + "<p class=\"hint\" id=\"dob-hint\">" + esc(text.get("dobHint")) + "</p>"
                + error
                + "<input type=\"date\" id=\"dob\" name=\"dob\" required autocomplete=\"bday\" "
                + "aria-describedby=\"dob-hint" + (errorKey == null ? "" : " dob-error") + "\""
                + (errorKey == null ? "" : " aria-invalid=\"true\" autofocus") + ">"
                + "<button type=\"submit\">" + esc(text.get("continue")) + "</button></form>";
    }

    private String shown(PageText text, String token, SecureLinks.Shown shown, boolean sent, String errorKey,
                         String typed) {
        StringBuilder page = new StringBuilder();
        if (sent) {
            page.append("<p role=\"status\" class=\"done\" id=\"answer-sent\">").append(esc(text.get("sent")))
                    .append("</p>");
        }
        String when = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm z", Locale.forLanguageTag(text.language()))
                .format(shown.sentAt().atZone(practice.timeZone()));
        page.append("<article aria-labelledby=\"msg-title\"><h2 id=\"msg-title\">")
                .append(esc(String.format(text.get("sentAt"), when))).append("</h2>");
        if (shown.text().isEmpty() && shown.files().isEmpty()) {
            page.append("<p>").append(esc(text.get("deleted"))).append("</p>");
        } else {
            page.append("<p class=\"body\" id=\"message-text\">").append(esc(shown.text())).append("</p>");
        }
        if (!shown.files().isEmpty()) {
            page.append("<h3>").append(esc(text.get("files"))).append("</h3><ul>");
            for (MediaInfo file : shown.files()) {
                page.append("<li><a href=\"/s/").append(esc(token)).append("/files/").append(file.id())
                        .append("\" download>").append(esc(text.get("download"))).append(": ")
                        .append(esc(file.fileName() == null ? "file" : file.fileName())).append("</a></li>");
            }
            page.append("</ul>");
        }
        page.append("</article>");
        String error = errorKey == null ? "" : "<p class=\"error\" id=\"answer-error\" role=\"alert\">"
                + esc(text.get(errorKey)) + "</p>";
        page.append("<form method=\"post\" action=\"/s/").append(esc(token)).append("/answer\">")
                .append("<input type=\"hidden\" name=\"lang\" value=\"").append(text.language()).append("\">")
                .append("<label for=\"answer\">").append(esc(text.get("answer"))).append("</label>")
                .append("<p class=\"hint\" id=\"answer-hint\">").append(esc(text.get("answerHint"))).append("</p>")
                .append(error)
                .append("<textarea id=\"answer\" name=\"answer\" rows=\"5\" maxlength=\"")
                .append(SecureLinks.MAX_ANSWER).append("\" aria-describedby=\"answer-hint")
                .append(errorKey == null ? "" : " answer-error\" aria-invalid=\"true").append("\">")
                .append(typed == null ? "" : esc(typed)).append("</textarea>")
                .append("<button type=\"submit\">").append(esc(text.get("send"))).append("</button></form>");
        return page.toString();
    }

    private ResponseEntity<String> html(HttpStatus status, PageText text, String token, String main) {
        String other = text.get("otherLang");
        String switcher = token == null ? "" : "<a class=\"lang\" href=\"/s/" + esc(token) + "?lang=" + other
                + "\" lang=\"" + other + "\" hreflang=\"" + other + "\">" + esc(text.get("other")) + "</a>";
        String page = "<!DOCTYPE html><html lang=\"" + text.language() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + esc(text.get("title")) + " - " + esc(practice.name()) + "</title>"
                + "<style>" + STYLE + "</style></head><body>"
                + "<header><p class=\"practice\">" + esc(practice.name()) + "</p>" + switcher + "</header>"
                + "<main><h1>" + esc(text.get("title")) + "</h1>" + main + "</main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML,
                        StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).header("Referrer-Policy", "no-referrer").body(page);
    }

    private static String esc(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value, "UTF-8");
    }

    /** Mobile first: one column that fits 320 px, large touch targets, visible focus. */
    private static final String STYLE = "*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,sans-serif;"
            + "color:#1b1b1b;background:#fff}header{display:flex;justify-content:space-between;align-items:center;"
            + "gap:.5rem;padding:.75rem 1rem;border-bottom:1px solid #ccc;flex-wrap:wrap}.practice{margin:0;"
            + "font-weight:600}main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.25rem 0 1rem}"
            + "h2{font-size:1rem;color:#444;font-weight:500}label{display:block;font-weight:600;margin-top:1rem}"
            + ".hint{margin:.25rem 0;color:#444;font-size:.95rem}.error{color:#a00000;font-weight:600;margin:.25rem 0}"
            + ".done{background:#e6f4ea;padding:.75rem;border-radius:4px}.body{white-space:pre-wrap;"
            + "overflow-wrap:anywhere}input,textarea{width:100%;font:inherit;padding:.6rem;border:1px solid #666;"
            + "border-radius:4px;margin-top:.25rem}button{margin-top:1rem;width:100%;min-height:48px;font:inherit;"
            + "font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:4px}a{color:#0b5cad}"
            + ":focus-visible{outline:3px solid #f0a000;outline-offset:2px}";
}
