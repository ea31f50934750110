package org.parley.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * An EHR that speaks FHIR R4, in the test's JVM: HAPI's {@link RestfulServer} with a Patient search by identifier and
 * a DocumentReference create that honours {@code If-None-Exist}, documents kept in memory. Every request must carry
 * the bearer token {@link #TOKEN}, so an export that arrives proves the configured token was sent. Register it as a
 * servlet (e.g. at {@code /fhir/*}) in the test's own app.
 */
public final class FhirEhr extends RestfulServer {

    /** The identifier system of the practice's MRNs in this EHR. */
    public static final String MRN_SYSTEM = "urn:oid:2.16.840.1.113883.19.5.99999.2";
    public static final String TOKEN = "fhir-ehr-test-token";

    private final Map<String, Patient> patients = new ConcurrentHashMap<>();
    private final Map<String, DocumentReference> documents = new ConcurrentHashMap<>();
    private final List<String> receivedDocuments = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public FhirEhr() {
        super(FhirContext.forR4Cached());
        setResourceProviders(new PatientProvider(), new DocumentReferenceProvider());
    }

    /** Adds an active patient with this MRN; answers its reference, e.g. {@code Patient/1}. */
    public String addPatient(String given, String family, String birthDate, String mrn) {
        String id = String.valueOf(ids.incrementAndGet());
        Patient patient = new Patient();
        patient.setId(new IdType("Patient", id));
        patient.setActive(true);
        patient.addName().setFamily(family).addGiven(given);
        patient.getBirthDateElement().setValueAsString(birthDate);
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        patients.put(id, patient);
        return "Patient/" + id;
    }

    /** The documents created, each once. */
    public List<DocumentReference> storedDocuments() {
        return List.copyOf(documents.values());
    }

    /** Each DocumentReference body as it arrived, created or not. */
    public List<String> receivedDocuments() {
        return List.copyOf(receivedDocuments);
    }

    /** How many requests came without the token. */
    public int refusedRequests() {
        return refused.get();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
            refused.incrementAndGet();
            response.setStatus(401);
            response.setContentType("application/fhir+json");
            response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    + "\"code\":\"login\"}]}");
            return;
        }
        super.service(request, response);
    }

    /** {@code Patient?identifier=system|value}, the search the exporter makes for a patient with an MRN. */
    public final class PatientProvider implements IResourceProvider {
        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Search
        public List<Patient> search(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier) {
            return patients.values().stream().filter(patient -> patient.getIdentifier().stream()
                    .anyMatch(id -> (identifier.getSystem() == null || identifier.getSystem().equals(id.getSystem()))
                            && identifier.getValue().equals(id.getValue()))).toList();
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
                                new MethodOutcome(new IdType("DocumentReference", existing.getFirst(), "1"));
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
            throw new InvalidRequestException("unsupported condition: " + conditionalUrl);
        }
    }
}
