package org.parley.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;

/**
 * The door providers knock on, {@code /webhooks/**}: counts each call by what became of it
 * ({@code parley_webhooks_received_total{outcome}}), and answers 503 with {@code Retry-After} once Parley is stopping,
 * before the call reaches anything that may already be shutting down, so the provider delivers it again later
 * (to this Parley after its restart, or to another node). Calls already inside are finished: the web server's
 * graceful shutdown waits for them.
 *
 * <p>Outcomes by the answer's status, the same a provider sees: {@code accepted} (2xx), {@code malformed} (400),
 * {@code bad_signature} (403), {@code unknown} (404: no such line or event), {@code retry_later} (409: a status for a
 * message not recorded yet), {@code unavailable} (503 from the webhook itself: Parley could not take it now, e.g.
 * the line's plugin is not loaded), {@code stopping} (503 from here), {@code error} (other failures). No line label:
 * a label from the URL would let anyone create series.
 */
class WebhookGate implements Filter {

    static final String METER = "parley.webhooks.received";

    private static final Logger log = LoggerFactory.getLogger(WebhookGate.class);

    private final MeterRegistry meters;
    private volatile boolean stopping;

    WebhookGate(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener(ContextClosedEvent.class)
    void parleyStops() {
        if (!stopping) {
            stopping = true;
            log.info("Parley is stopping: webhooks are answered 503 from now on, so providers retry them");
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        if (stopping) {
            http.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            http.setHeader("Retry-After", "30");
            http.setContentType("text/plain;charset=UTF-8");
            http.getOutputStream().write("Parley is stopping; please try again.".getBytes(StandardCharsets.UTF_8));
            count("stopping");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            count("error");
            throw e;
        }
        count(outcome(http.getStatus()));
    }

    static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "accepted";
        }
        return switch (status) {
            case 400 -> "malformed";
            case 403 -> "bad_signature";
            case 404 -> "unknown";
            case 409 -> "retry_later";
            case 503 -> "unavailable";
            default -> "error";
        };
    }

    private void count(String outcome) {
        Counter.builder(METER).description("Provider webhooks received, by what became of them")
                .tag("outcome", outcome).register(meters).increment();
    }

    @Configuration
    static class Registration {

        @Bean
        WebhookGate webhookGate(MeterRegistry meters) {
            return new WebhookGate(meters);
        }

        /** Only on the webhooks, ahead of everything else (Spring Security included). */
        @Bean
        FilterRegistrationBean<WebhookGate> webhookGateRegistration(WebhookGate gate) {
            FilterRegistrationBean<WebhookGate> registration = new FilterRegistrationBean<>(gate);
            registration.addUrlPatterns("/webhooks/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
