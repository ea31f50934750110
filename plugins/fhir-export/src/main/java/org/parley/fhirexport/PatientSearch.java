package org.parley.fhirexport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.parley.plugin.ChartPatient;

/**
 * How the EHR's patient is found: by MRN alone when Parley knows one (no falling back to the name when the MRN is
 * not found: a wrong chart is worse than none), otherwise by last name, first name and date of birth. Exactly one
 * active patient must match.
 */
final class PatientSearch {

    static final String CANNOT_MATCH = "The EHR can only find the patient by MRN, or by first name, last name and "
            + "date of birth: add them to the patient's record in Parley.";
    private static final String WHAT = "the patient search";

    private final ChartPatient patient;
    private final String query;

    private PatientSearch(ChartPatient patient, String query) {
        this.patient = patient;
        this.query = query;
    }

    /** The search for this patient, or empty when the EHR cannot match the patient ({@link #CANNOT_MATCH}). */
    static Optional<PatientSearch> of(ChartPatient patient, ExporterSettings settings) {
        if (patient.mrn() != null) {
            return Optional.of(new PatientSearch(patient,
                    "identifier=" + encode(settings.mrnSystem() + "|" + escape(patient.mrn()))));
        }
        if (patient.firstName() != null && patient.lastName() != null && patient.birthDate() != null) {
            return Optional.of(new PatientSearch(patient, "family=" + encode(escape(patient.lastName()))
                    + "&given=" + encode(escape(patient.firstName()))
                    + "&birthdate=" + patient.birthDate()));
        }
        return Optional.empty();
    }

    boolean byMrn() {
        return patient.mrn() != null;
    }

    /** The search, as it goes into the URL (holds patient data: never log it). */
    String query() {
        return query;
    }

    /**
     * Searches the EHR.
     *
     * @return the reference of the one matching patient, e.g. {@code Patient/123}
     * @throws EhrFailure permanent when no or several patients match, or whatever the EHR's answer means
     */
    String find(FhirEndpoint ehr) throws EhrFailure {
        Bundle result = ehr.search("Patient", query, WHAT);
        List<Patient> matches = result.getEntry().stream()
                .filter(entry -> entry.getSearch().getMode() == null
                        || entry.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast)
                // a merged-away or retired record is no place for new documents
                .filter(candidate -> !candidate.hasActive() || candidate.getActive())
                .filter(candidate -> byMrn() || sameNameAndBirthDate(candidate))
                .toList();
        String by = byMrn() ? "this MRN" : "this name and date of birth";
        if (matches.size() > 1 || (!matches.isEmpty() && result.getLink(Bundle.LINK_NEXT) != null)) {
            throw EhrFailure.permanent("Several patients in the EHR have " + by + ": copy these messages by hand.");
        }
        if (matches.isEmpty()) {
            throw EhrFailure.permanent("No patient with " + by + " in the EHR"
                    + (byMrn() ? ": check the MRN in Parley." : ": add the patient's MRN in Parley."));
        }
        Patient found = matches.getFirst();
        if (!found.getIdElement().hasIdPart()) {
            throw EhrFailure.permanent("The EHR found the patient but did not give the record's id.");
        }
        return "Patient/" + found.getIdElement().getIdPart();
    }

    /** FHIR's string search matches prefixes ("Ann" finds "Anna"): the name must be equal, case and accents aside. */
    private boolean sameNameAndBirthDate(Patient candidate) {
        if (!candidate.hasBirthDate()
                || !patient.birthDate().toString().equals(candidate.getBirthDateElement().getValueAsString())) {
            return false;
        }
        String family = normalized(patient.lastName());
        String given = normalized(patient.firstName());
        for (HumanName name : candidate.getName()) {
            boolean sameFamily = family.equals(normalized(name.getFamily()));
            boolean sameGiven = given.equals(normalized(name.getGivenAsSingleString()))
                    || name.getGiven().stream().anyMatch(part -> given.equals(normalized(part.getValue())));
            if (sameFamily && sameGiven) {
                return true;
            }
        }
        return false;
    }

    private static String normalized(String name) {
        if (name == null) {
            return "";
        }
        String withoutAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** FHIR search escapes: a backslash before {@code \ | , $} in a value. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,").replace("$", "\\$");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
