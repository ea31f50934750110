package org.parley.operations;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Who may ask Parley how it is. On the app's port: only the two probes, without login, answering their status and
 * nothing else ({@link Probes}). On the management port: health details and metrics without login, because that
 * port is not public: it listens on 127.0.0.1 unless IT binds it elsewhere, behind its firewall (README,
 * "Operations"). Ahead of every other filter chain.
 */
@Configuration
class OperationsSecurity {

    /** The probes on the app's port ({@link Probes}). */
    static final String[] PROBES = {"/actuator/health/liveness", "/actuator/health/readiness"};

    @Bean
    @Order(0)
    SecurityFilterChain probesAndManagementPort(HttpSecurity http) throws Exception {
        return http.securityMatchers(matchers -> matchers.requestMatchers(OperationsSecurity::onManagementPort)
                        .requestMatchers(PROBES))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Whether the request came in on the management server (its own web server and context, "management"). */
    static boolean onManagementPort(HttpServletRequest request) {
        WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
        return context != null && WebServerApplicationContext.hasServerNamespace(context, "management");
    }
}
