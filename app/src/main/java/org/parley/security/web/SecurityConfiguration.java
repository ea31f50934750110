package org.parley.security.web;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.util.List;
import org.parley.security.SessionAccess;
import org.parley.security.SignInSession;
import org.parley.security.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Two filter chains. Provider webhooks, the sandbox carrier, the public media links providers fetch MMS
 * pictures from and the secure message pages patients open ({@code /s/**}) take no session and no login: their
 * signatures are their protection (checked by the provider plugin, by the media link's own HMAC, or by the secure
 * link's token and the patient's date of birth). Everything else is the Vaadin app
 * behind the login view.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/webhooks/**", "/sandbox-carrier/**", "/media/**", "/s/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain app(HttpSecurity http,
                            List<LogoutHandler>
                                    logoutHandlers, SignInSession signIns, SessionAccess access,
                            SecurityContextHolderStrategy holder)
            throws Exception {
        // Parley's own CSS and JS (the frontend module) are public, like Vaadin's.
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/parley/**").permitAll());
        // A right password of an account with a second factor is kept aside, not stored as the session's login.
        http.securityContext(context -> context.securityContextRepository(signIns));
        // The account as it is now (deactivation and a reset second factor end the session, demotions and emergency
        // access apply) before any check.
        http.addFilterBefore(new SessionAuthorities(access, signIns, holder),
                AuthorizationFilter.class);
        // Every logout handler bean: the audit (SecurityAudit) and the other tabs (security.ui.SignOutEveryTab).
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> {
            vaadin.loginView(LoginView.class);
            logoutHandlers.forEach(vaadin::addLogoutHandler);
        }).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    /** Lets Spring Security see sessions end, so idle logoffs reach the audit log. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
