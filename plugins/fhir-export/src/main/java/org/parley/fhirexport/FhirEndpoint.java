package org.parley.fhirexport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The EHR's FHIR REST API, the three interactions the exporter needs: search, conditional create and the
 * CapabilityStatement. Plain {@code java.net.http}, one request per call (no retries behind the app's back, except
 * once with a new SMART token after a 401), every failure turned into an {@link EhrFailure}.
 *
 * <p>Search URLs carry the MRN or the name and date of birth (that is how FHIR searches): they go to the EHR only,
 * and are never logged or put into a reason.
 */
final class FhirEndpoint {

    static final String FHIR_JSON = "application/fhir+json";
    private static final Pattern RESOURCE_ID = Pattern.compile("(?:^|/)([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})"
            + "(?:/_history/[^/]*)?/?$");

    private final HttpClient http;
    private final FhirContext fhir;
    private final ExporterSettings settings;
    private final Credentials credentials;

    FhirEndpoint(HttpClient http, FhirContext fhir, ExporterSettings settings, Credentials credentials) {
        this.http = http;
        this.fhir = fhir;
        this.settings = settings;
        this.credentials = credentials;
    }

    /** {@code GET [base]/[type]?[query]}: the search set's first page. */
    Bundle search(String resourceType, String query, String what) throws EhrFailure {
        HttpRequest.Builder request = request(settings.baseUrl() + "/" + resourceType + "?" + query).GET();
        HttpResponse<byte[]> response = exchange(request, what);
        if (response.statusCode() != 200) {
            throw refused(response, what);
        }
        return parse(Bundle.class, response, what);
    }

    /**
     * {@code POST [base]/[type]} with {@code If-None-Exist}: the resource is created unless one matching the
     * condition exists already.
     *
     * @return the reference of the created (or already existing) resource, e.g. {@code DocumentReference/123}
     */
    String conditionalCreate(String resourceType, String json, String ifNoneExist, String what) throws EhrFailure {
        HttpRequest.Builder request = request(settings.baseUrl() + "/" + resourceType)
                .header("Content-Type", FHIR_JSON + "; charset=utf-8")
                .header("If-None-Exist", ifNoneExist)
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = exchange(request, what);
        int status = response.statusCode();
        if (status == 412) {
            throw EhrFailure.permanent("The EHR holds several documents with this export's identifier (HTTP 412, "
                    + what + "): ask the EHR's interface team.");
        }
        if (status != 200 && status != 201) {
            throw refused(response, what);
        }
        return reference(resourceType, response)
                .orElseThrow(() -> EhrFailure.permanent("The EHR took the document (HTTP " + status
                        + ") but did not say where it is: no Location header."));
    }

    /** {@code GET [base]/metadata}. */
    CapabilityStatement capabilities() throws EhrFailure {
        String what = "reading the CapabilityStatement";
        HttpResponse<byte[]> response = exchange(request(settings.baseUrl() + "/metadata").GET(), what);
        if (response.statusCode() != 200) {
            throw refused(response, what);
        }
        return parse(CapabilityStatement.class, response, what);
    }

    private HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(settings.timeout()).header("Accept", FHIR_JSON);
    }

    private HttpResponse<byte[]> exchange(HttpRequest.Builder request, String what) throws EhrFailure {
        HttpResponse<byte[]> response =
                send(request.copy().header("Authorization", credentials.authorization(false)).build(), what);
        if (response.statusCode() == 401 && credentials.renewable()) {
            // a cached token the EHR no longer takes (revoked, or expired early): once more with a new one. Safe for
            // the create too, which is conditional.
            response = send(request.copy().header("Authorization", credentials.authorization(true)).build(), what);
        }
        return response;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) throws EhrFailure {
        return send(http, request, settings.timeout().toSeconds(), "The EHR", what);
    }

    /** One request; failures to reach {@code who} (never naming the URL, which may hold patient data) retryable. */
    static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, long timeoutSeconds, String who,
                                     String what) throws EhrFailure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw EhrFailure.retryable(who + " did not accept a connection within " + timeoutSeconds + " s ("
                    + what + ").");
        } catch (HttpTimeoutException e) {
            throw EhrFailure.retryable(who + " did not answer within " + timeoutSeconds + " s (" + what + ").");
        } catch (ConnectException e) {
            throw EhrFailure.retryable(who + " cannot be reached (" + what + "): connection refused or no route.");
        } catch (IOException e) {
            throw EhrFailure.retryable(who + " cannot be reached (" + what + "): " + e.getClass().getSimpleName()
                    + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EhrFailure.retryable("Parley stopped waiting for an answer (" + what + "): interrupted.");
        }
    }

    /** The failure an unexpected answer means: busy and down are worth retrying, refusals are not. */
    private EhrFailure refused(HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        if (status == 401) {
            return EhrFailure.permanent("The EHR refused Parley's credentials (HTTP 401, " + what
                    + "): check the credentials.");
        }
        if (status == 403) {
            return EhrFailure.permanent("The EHR does not allow Parley " + what + " (HTTP 403): check the credentials "
                    + "and the scopes the EHR grants Parley's client.");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return EhrFailure.retryable("The EHR is unavailable (HTTP " + status + ", " + what + ").");
        }
        if (status >= 300 && status < 400) {
            return EhrFailure.permanent("The EHR answered with a redirect (HTTP " + status + ", " + what
                    + "): check the base URL.");
        }
        if (status == 404) {
            return EhrFailure.permanent("The EHR has no such FHIR endpoint (HTTP 404, " + what
                    + "): check the base URL.");
        }
        return EhrFailure.permanent("The EHR refused " + what + " (HTTP " + status + issues(response) + ").");
    }

    /**
     * The EHR's OperationOutcome, as issue codes and the elements they name ("invalid at
     * DocumentReference.content[0]"); not its diagnostics text, which may quote what was sent.
     */
    private String issues(HttpResponse<byte[]> response) {
        try {
            OperationOutcome outcome = parser().parseResource(OperationOutcome.class,
                    new String(response.body(), StandardCharsets.UTF_8));
            String issues = outcome.getIssue().stream().limit(3)
                    .map(issue -> (issue.getCode() == null ? "error" : issue.getCode().toCode())
                            + (issue.hasExpression() ? " at " + issue.getExpression().getFirst().getValue() : ""))
                    .collect(Collectors.joining("; "));
            return issues.isEmpty() ? "" : ": " + issues;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private <T extends IBaseResource> T parse(Class<T> type, HttpResponse<byte[]> response, String what)
            throws EhrFailure {
        try {
            return parser().parseResource(type, new String(response.body(), StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw EhrFailure.permanent("The EHR's answer (" + what + ") is not the FHIR R4 JSON Parley expects.");
        }
    }

    private IParser parser() {
        // quiet: HAPI's default handler logs the values it cannot read, and an EHR's answers hold patient data
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    }

    private Optional<String> reference(String resourceType, HttpResponse<byte[]> response) {
        for (String header : new String[] {"Location", "Content-Location"}) {
            Optional<String> reference = response.headers().firstValue(header).flatMap(v -> reference(resourceType, v));
            if (reference.isPresent()) {
                return reference;
            }
        }
        if (response.body().length > 0) {
            try {
                IBaseResource body = parser().parseResource(new String(response.body(), StandardCharsets.UTF_8));
                if (body.getIdElement().hasIdPart() && resourceType.equals(fhir.getResourceType(body))) {
                    return Optional.of(resourceType + "/" + body.getIdElement().getIdPart());
                }
            } catch (RuntimeException e) {
                // no usable body: no reference from it
            }
        }
        return Optional.empty();
    }

    static Optional<String> reference(String resourceType, String location) {
        Matcher matcher = RESOURCE_ID.matcher(location.strip());
        if (matcher.find() && matcher.group(1).equals(resourceType)) {
            return Optional.of(resourceType + "/" + matcher.group(2));
        }
        return Optional.empty();
    }
}
