package org.parley.testsupport;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Base of browserless view tests: the real Spring context, Vaadin mocked by Karibu-Testing. Subclasses are
 * {@code @SpringBootTest}s; {@link #loginAs} plays a logged-in staff member.
 */
public abstract class KaribuTest {

    private static final Routes ROUTES = discoverRoutes();

    @Autowired
    protected ApplicationContext context;

    @BeforeEach
    void setUpVaadin() {
        mockVaadin(context);
    }

    /** A new mocked browser session with its UI, bound to the calling thread (as each of several screens needs). */
    public static void mockVaadin(ApplicationContext context) {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(ROUTES, context, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
        context.getBean(SecurityContextHolderStrategy.class).clearContext();
    }

    /**
     * Karibu discovers public views only; Parley's views are package-private (as Vaadin's own Spring
     * integration allows), so they are found the way Spring finds them.
     */
    @SuppressWarnings("unchecked")
    private static Routes discoverRoutes() {
        Routes routes = new Routes().autoDiscoverViews("org.parley");
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(
                Route.class));
        for (var candidate : scanner.findCandidateComponents("org.parley")) {
            try {
                routes.getRoutes().add((Class<? extends Component>)
                        Class.forName(candidate.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return routes;
    }

    /**
     * Acts as the given user with the given role, as Spring Security would after a login.
     *
     * <p>Each Spring context has its own {@link SecurityContextHolderStrategy} (Vaadin's), which method
     * security ({@code @PreAuthorize}) reads; the static {@link SecurityContextHolder} holds the strategy of the
     * context started last. A test class whose cached context is reused after another class started one would
     * otherwise call {@code @PreAuthorize} services as nobody, so the login goes into both.
     */
    protected void loginAs(String username, String role) {
        loginAs(context, username, role);
    }

    /** {@link #loginAs(String, String)} in the calling thread's mocked session. */
    public static void loginAs(ApplicationContext context, String username, String role) {
        loginAs(context, UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    /** Plays a sign-in with exactly these authorities (e.g. the roles the account's grants give it). */
    public static void loginAs(ApplicationContext context,
                               Authentication authentication) {
        SecurityContext security = SecurityContextHolder.createEmptyContext();
        security.setAuthentication(authentication);
        SecurityContextHolder.setContext(security);
        context.getBean(SecurityContextHolderStrategy.class).setContext(security);
        // Where Spring Security keeps a browser session's login: pushed refreshes (another thread, no request) read it
        // there, as they do in production.
        VaadinSession.getCurrent().getSession().setAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                security);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        Set<String> held = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        request.setUserInRole((principal, r) -> held.contains(r) || held.contains("ROLE_" + r));
    }

    /** Opens a new browser session as another staff member (a fresh UI, so the page frame is theirs). */
    protected void newSessionAs(String username, String role) {
        MockVaadin.tearDown();
        setUpVaadin();
        loginAs(username, role);
    }

    /** Runs the server round trip a browser would make, so pushed updates are applied. */
    public static void roundtrip() {
        MockVaadin.clientRoundtrip(false);
    }
}
