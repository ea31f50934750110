package org.parley.plugin.testkit.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

/**
 * An EHR in the test's JVM: HAPI's RestfulServer on an embedded Jetty with a Patient search and a DocumentReference
 * create that honours {@code If-None-Exist} (documents kept in memory), and a SMART token endpoint that checks the
 * client assertion's signature with the registered public key and issues tokens the FHIR server then requires.
 * Every request body is kept as received, for validation.
 */
public final class FakeEhr implements AutoCloseable {

    public static final String CLIENT_ID = "parley-test-client";
    public static final String MRN_SYSTEM = "urn:oid:1.2.36.146.595.217.0.1";
    public static final String STATIC_TOKEN = "static-test-token";
    /** The client assertion type of SMART Backend Services (RFC 7523), written here apart from any plugin's code. */
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final Clock clock;
    private final Server jetty;
    private final Map<String, Patient> patients = new ConcurrentHashMap<>();
    private final Map<String, DocumentReference> documents = new ConcurrentHashMap<>();
    private final List<String> receivedDocuments = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final Map<String, Instant> acceptedTokens = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> registeredKeys = new ConcurrentHashMap<>();
    private final Set<String> seenAssertionIds = ConcurrentHashMap.newKeySet();
    private final List<SignedJWT> acceptedAssertions = new CopyOnWriteArrayList<>();
    private volatile Integer outage;
    private volatile Integer tokenOutage;
    private volatile CountDownLatch hang;
    private volatile OperationOutcome refusal;

    private FakeEhr(Clock clock) throws Exception {
        this.clock = clock;
        RestfulServer fhirServer = new RestfulServer(fhir);
        fhirServer.setResourceProviders(new PatientProvider(), new DocumentReferenceProvider());
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(fhirServer), "/fhir/*");
        context.addServlet(new ServletHolder(new TokenEndpoint()), "/token");
        context.addFilter(new FilterHolder(new Gate()), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        jetty.setHandler(context);
        jetty.start();
        acceptedTokens.put(STATIC_TOKEN, Instant.MAX);
    }

    public static FakeEhr start() throws Exception {
        return new FakeEhr(Clock.systemUTC());
    }

    public static FakeEhr start(Clock clock) throws Exception {
        return new FakeEhr(clock);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/fhir";
    }

    public String tokenUrl() {
        return "http://127.0.0.1:" + port() + "/token";
    }

    /** An address where nothing listens: connections are refused. */
    public static String nowhere() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/fhir";
        }
    }

    /** Adds a patient and answers its id. */
    public String addPatient(String given, String family, String birthDate, String mrn) {
        return addPatient(given, family, birthDate, mrn, true);
    }

    public String addPatient(String given, String family, String birthDate, String mrn, boolean active) {
        String id = String.valueOf(ids.incrementAndGet());
        Patient patient = new Patient();
        patient.setId(new IdType("Patient", id));
        patient.setActive(active);
        patient.addName().setFamily(family).addGiven(given);
        patient.getBirthDateElement().setValueAsString(birthDate);
        patient.setGender(AdministrativeGender.UNKNOWN);
        // what real EHRs send along: a narrative and extensions, which the plugin must parse without trouble
        patient.getText().setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><b>" + given + " " + family
                        + "</b></div>");
        patient.addExtension("http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex", new CodeType("UNK"));
        patient.getMeta().setLastUpdatedElement(new InstantType("2026-01-01T00:00:00Z"));
        if (mrn != null) {
            patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        }
        patients.put(id, patient);
        return id;
    }

    /** The SMART client's public key, under its key id. */
    public void register(String keyId, PublicKey key) {
        registeredKeys.put(keyId, key);
    }

    /** Every FHIR request answers this status until {@code null}. */
    public void outage(Integer status) {
        this.outage = status;
    }

    public void tokenOutage(Integer status) {
        this.tokenOutage = status;
    }

    /** FHIR requests wait (at most 20 s, never forever) until {@link #close()}: the client times out first. */
    public void hang() {
        this.hang = new CountDownLatch(1);
    }

    /** Documents are refused with this outcome (HTTP 422) until {@code null}. */
    public void refuseDocuments(OperationOutcome outcome) {
        this.refusal = outcome;
    }

    /** Tokens issued so far stop working (the static bearer token stays). */
    public void revokeIssuedTokens() {
        acceptedTokens.keySet().removeIf(token -> !STATIC_TOKEN.equals(token));
    }

    /** Each DocumentReference body as it arrived, created or not. */
    public List<String> receivedDocuments() {
        return List.copyOf(receivedDocuments);
    }

    public List<DocumentReference> storedDocuments() {
        return List.copyOf(documents.values());
    }

    /** "METHOD /path" of each FHIR request, without query. */
    /** How many FHIR requests (not the open metadata) came without an access token this EHR accepts. */
    public int refusedRequests() {
        return refused.get();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public int tokensIssued() {
        return acceptedAssertions.size();
    }

    public List<SignedJWT> acceptedAssertions() {
        return List.copyOf(acceptedAssertions);
    }

    private int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        CountDownLatch waiting = hang;
        if (waiting != null) {
            waiting.countDown();
        }
        jetty.stop();
    }

    /** Outages, hangs and the access token check, in front of the FHIR server (its metadata is open). */
    private final class Gate implements Filter {
        @Override
        public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) servletRequest;
            HttpServletResponse response = (HttpServletResponse) servletResponse;
            requests.add(request.getMethod() + " " + request.getRequestURI());
            CountDownLatch waiting = hang;
            if (waiting != null) {
                try {
                    waiting.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                response.sendError(503);
                return;
            }
            Integer status = outage;
            if (status != null) {
                response.sendError(status);
                return;
            }
            if (!request.getRequestURI().endsWith("/metadata")) {
                String authorization = request.getHeader("Authorization");
                Instant expires = authorization == null || !authorization.startsWith("Bearer ")
                        ? null : acceptedTokens.get(authorization.substring("Bearer ".length()));
                if (expires == null || !clock.instant().isBefore(expires)) {
                    refused.incrementAndGet();
                    response.setStatus(401);
                    response.setContentType("application/fhir+json");
                    response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":"
                            + "\"error\",\"code\":\"login\",\"diagnostics\":\"token not accepted\"}]}");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** SMART Backend Services' token endpoint: a client-credentials grant with a signed JWT assertion. */
    private final class TokenEndpoint extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Integer status = tokenOutage;
            if (status != null) {
                response.sendError(status);
                return;
            }
            response.setContentType("application/json");
            if (!"client_credentials".equals(request.getParameter("grant_type"))
                    || !JWT_BEARER.equals(request.getParameter("client_assertion_type"))) {
                response.setStatus(400);
                response.getWriter().write("{\"error\":\"invalid_request\"}");
                return;
            }
            if (!accepted(request.getParameter("client_assertion"))) {
                response.setStatus(401);
                response.getWriter().write("{\"error\":\"invalid_client\"}");
                return;
            }
            String token = "smart-" + ids.incrementAndGet();
            acceptedTokens.put(token, clock.instant().plus(TOKEN_LIFETIME));
            response.getWriter().write("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\","
                    + "\"expires_in\":" + TOKEN_LIFETIME.toSeconds() + ",\"scope\":\""
                    + request.getParameter("scope") + "\"}");
        }

        private boolean accepted(String assertion) {
            try {
                SignedJWT jwt = SignedJWT.parse(assertion);
                PublicKey key = registeredKeys.get(jwt.getHeader().getKeyID());
                JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
                JWSVerifier verifier;
                if (key instanceof RSAPublicKey rsa && JWSAlgorithm.RS384.equals(algorithm)) {
                    verifier = new RSASSAVerifier(rsa);
                } else if (key instanceof ECPublicKey ec && JWSAlgorithm.ES384.equals(algorithm)) {
                    verifier = new ECDSAVerifier(ec);
                } else {
                    return false;
                }
                JWTClaimsSet claims = jwt.getJWTClaimsSet();
                Instant now = clock.instant();
                Instant expires = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
                boolean valid = jwt.verify(verifier)
                        && CLIENT_ID.equals(claims.getIssuer()) && CLIENT_ID.equals(claims.getSubject())
                        && claims.getAudience().equals(List.of(tokenUrl()))
                        && expires != null && expires.isAfter(now)
                        && !expires.isAfter(now.plus(Duration.ofMinutes(5)))
                        && claims.getJWTID() != null && seenAssertionIds.add(claims.getJWTID());
                if (valid) {
                    acceptedAssertions.add(jwt);
                }
                return valid;
            } catch (Exception e) {
                return false;
            }
        }
    }

    /** Patient search by identifier, or by family, given and birthdate (FHIR string search: prefix, any case). */
    public final class PatientProvider implements IResourceProvider {
        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Search
        public List<Patient> search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
                                    @OptionalParam(name = Patient.SP_FAMILY) StringParam family,
                                    @OptionalParam(name = Patient.SP_GIVEN) StringParam given,
                                    @OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthDate) {
            List<Patient> found = new ArrayList<>();
            for (Patient patient : patients.values()) {
                boolean matches = (identifier == null || patient.getIdentifier().stream()
                        .anyMatch(id -> (identifier.getSystem() == null
                                || identifier.getSystem().equals(id.getSystem()))
                                && identifier.getValue().equals(id.getValue())))
                        && (family == null || patient.getName().stream()
                        .anyMatch(name -> startsWith(name.getFamily(), family.getValue())))
                        && (given == null || patient.getName().stream().flatMap(name -> name.getGiven().stream())
                        .anyMatch(part -> startsWith(part.getValue(), given.getValue())))
                        && (birthDate == null
                        || birthDate.getValueAsString().equals(patient.getBirthDateElement().getValueAsString()));
                if (matches) {
                    found.add(patient);
                }
            }
            return found;
        }

        private static boolean startsWith(String value, String prefix) {
            return value != null && plain(value).startsWith(plain(prefix));
        }

        private static String plain(String value) {
            return Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        }
    }

    /** DocumentReference create; with {@code If-None-Exist: identifier=system|value} a second one is not created. */
    public final class DocumentReferenceProvider implements IResourceProvider {
        @Override
        public Class<DocumentReference> getResourceType() {
            return DocumentReference.class;
        }

        @Create
        public MethodOutcome create(@ResourceParam DocumentReference document, @ResourceParam String body,
                                    @ConditionalUrlParam String conditionalUrl) {
            receivedDocuments.add(body);
            OperationOutcome refused = refusal;
            if (refused != null) {
                throw new UnprocessableEntityException(fhir, refused);
            }
            synchronized (documents) {
                if (conditionalUrl != null) {
                    List<String> existing = documents.entrySet().stream()
                            .filter(entry -> entry.getValue().getIdentifier().stream()
                                    .anyMatch(id -> matches(conditionalUrl, id)))
                            .map(Map.Entry::getKey).toList();
                    if (existing.size() > 1) {
                        throw new PreconditionFailedException("several documents match");
                    }
                    if (existing.size() == 1) {
                        MethodOutcome outcome =
                                new MethodOutcome(new IdType("DocumentReference", existing.get(0), "1"));
                        outcome.setCreated(false);
                        return outcome;
                    }
                }
                String id = String.valueOf(ids.incrementAndGet());
                document.setId(new IdType("DocumentReference", id, "1"));
                documents.put(id, document);
                return new MethodOutcome(new IdType("DocumentReference", id, "1"), true);
            }
        }

        /** {@code DocumentReference?identifier=system|value}, the only condition this EHR understands. */
        private static boolean matches(String conditionalUrl, Identifier identifier) {
            String query = conditionalUrl.substring(conditionalUrl.indexOf('?') + 1);
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("identifier=")) {
                    String token = URLDecoder.decode(parameter.substring("identifier=".length()),
                            StandardCharsets.UTF_8);
                    int bar = token.indexOf('|');
                    return token.substring(0, bar).equals(identifier.getSystem())
                            && token.substring(bar + 1).replace("\\", "").equals(identifier.getValue());
                }
            }
            throw new IllegalArgumentException("unsupported condition");
        }
    }
}
