package org.parley.fhirexport;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.Settings;

/**
 * A configured exporter's settings, read and checked once per call. Problems are reported by the setting's name,
 * never its value.
 *
 * @param baseUrl                the EHR's FHIR R4 base, without a trailing slash
 * @param mrnSystem              the identifier system of the practice's MRNs in the EHR
 * @param authentication         how Parley proves who it is
 * @param timeout                for connecting and for each answer
 * @param timeZone               the practice's time zone, for the times written into the document text
 * @param documentType           the LOINC code of the document type
 * @param exportIdentifierSystem the identifier system under which the export's id is written
 * @param includeAttachments     whether pictures and recordings go along as attachments
 */
record ExporterSettings(URI baseUrl, String mrnSystem, Authentication authentication, Duration timeout,
                        ZoneId timeZone, String documentType, String exportIdentifierSystem,
                        boolean includeAttachments) {

    static final String BASE_URL = "baseUrl";
    static final String MRN_SYSTEM = "mrnSystem";
    static final String AUTHENTICATION = "authentication";
    static final String TOKEN_URL = "tokenUrl";
    static final String CLIENT_ID = "clientId";
    static final String PRIVATE_KEY_FILE = "privateKeyFile";
    static final String KEY_ID = "keyId";
    static final String SCOPE = "scope";
    static final String BEARER_TOKEN = "bearerToken";
    static final String TIMEOUT_SECONDS = "timeoutSeconds";
    static final String TIME_ZONE = "timeZone";
    static final String DOCUMENT_TYPE = "documentType";
    static final String EXPORT_IDENTIFIER_SYSTEM = "exportIdentifierSystem";
    static final String INCLUDE_ATTACHMENTS = "includeAttachments";

    static final String SMART = "smart";
    static final String BEARER = "bearer";
    /** LOINC 34109-9 "Note": the generic clinical note; EHRs map it to their own note types. */
    static final String DEFAULT_DOCUMENT_TYPE = "34109-9";
    static final String DEFAULT_EXPORT_IDENTIFIER_SYSTEM = "urn:parley:chart-export";
    /** SMART v1 scopes, which EHRs accept most widely (v2 would be system/Patient.rs system/DocumentReference.c). */
    static final String DEFAULT_SCOPE = "system/Patient.read system/DocumentReference.write";

    /** The settings form, in order. */
    static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.url(BASE_URL, "FHIR R4 base URL",
                    "The EHR's FHIR R4 endpoint, e.g. https://ehr.example.org/fhir/r4 (ask the EHR's interface team).")
                    .asRequired(),
            ConfigProperty.text(MRN_SYSTEM, "MRN identifier system",
                    "The identifier system of the practice's MRNs in the EHR, e.g. urn:oid:1.2.36.146.595.217.0.1; "
                            + "patients with an MRN are found by it alone.").asRequired(),
            ConfigProperty.text(AUTHENTICATION, "Authentication",
                    "smart (SMART Backend Services: client id, token URL, private key file, key id) or bearer "
                            + "(a fixed access token).").asRequired().withDefault(SMART),
            ConfigProperty.url(TOKEN_URL, "SMART token URL",
                    "For smart: the EHR's OAuth token endpoint (token_endpoint in its "
                            + ".well-known/smart-configuration)."),
            ConfigProperty.text(CLIENT_ID, "SMART client id",
                    "For smart: the client id the EHR registered for Parley."),
            ConfigProperty.text(PRIVATE_KEY_FILE, "Private key file",
                    "For smart: path on the Parley server to the PEM (PKCS#8) private key; an RSA key signs RS384, "
                            + "a P-384 EC key ES384. The EHR holds the matching public key."),
            ConfigProperty.text(KEY_ID, "Key id (kid)",
                    "For smart: the kid of the public key as registered with the EHR (in the JWKS)."),
            ConfigProperty.text(SCOPE, "SMART scopes", "For smart: the scopes Parley asks for.")
                    .withDefault(DEFAULT_SCOPE),
            new ConfigProperty(BEARER_TOKEN, "Bearer token", "For bearer: the access token the EHR issued to Parley.",
                    ConfigProperty.Type.SECRET, false, null, false),
            new ConfigProperty(TIMEOUT_SECONDS, "Timeout (seconds)",
                    "How long Parley waits to connect and for each answer; a timeout is tried again later.",
                    ConfigProperty.Type.NUMBER, false, "30", false),
            ConfigProperty.text(TIME_ZONE, "Practice time zone",
                    "For the times written into the document, e.g. America/New_York.").withDefault("UTC"),
            ConfigProperty.text(DOCUMENT_TYPE, "Document type (LOINC)",
                    "The LOINC code of the document type the EHR files the messages under; 34109-9 is \"Note\".")
                    .withDefault(DEFAULT_DOCUMENT_TYPE),
            ConfigProperty.text(EXPORT_IDENTIFIER_SYSTEM, "Export identifier system",
                    "The identifier system under which each export's id is written (it keeps a retry from writing "
                            + "twice); change it only when several Parley installations write to one EHR.")
                    .withDefault(DEFAULT_EXPORT_IDENTIFIER_SYSTEM),
            new ConfigProperty(INCLUDE_ATTACHMENTS, "Send pictures and recordings",
                    "Off for an EHR that takes only the text of a document: the text then lists the files "
                            + "that stayed in Parley.", ConfigProperty.Type.BOOLEAN, false, "true", false));

    /** How Parley proves who it is to the EHR. */
    sealed interface Authentication {
    }

    /** A fixed access token, sent as {@code Authorization: Bearer}. */
    record Bearer(String token) implements Authentication {
        @Override
        public String toString() {
            return "Bearer[token hidden]";
        }
    }

    /** SMART Backend Services: a client-credentials grant with a signed JWT assertion. */
    record Smart(URI tokenUrl, String clientId, Path privateKeyFile, String keyId, String scope)
            implements Authentication {
    }

    /**
     * Reads and checks the settings.
     *
     * @throws EhrFailure (permanent) naming the first setting that is missing or wrong
     */
    static ExporterSettings of(Settings settings) throws EhrFailure {
        URI baseUrl = httpUrl(settings, BASE_URL);
        String path = baseUrl.toString();
        baseUrl = URI.create(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        String mrnSystem = absoluteUri(settings, MRN_SYSTEM, null);
        String kind = value(settings, AUTHENTICATION).orElse(SMART).toLowerCase(Locale.ROOT);
        Authentication authentication = switch (kind) {
            case SMART -> new Smart(httpUrl(settings, TOKEN_URL), required(settings, CLIENT_ID),
                    keyFile(settings), required(settings, KEY_ID), value(settings, SCOPE).orElse(DEFAULT_SCOPE));
            case BEARER -> new Bearer(token(settings));
            default -> throw notSetUp("setting '" + AUTHENTICATION + "' must be smart or bearer");
        };
        Duration timeout = Duration.ofSeconds(timeoutSeconds(settings));
        ZoneId zone;
        try {
            zone = ZoneId.of(value(settings, TIME_ZONE).orElse("UTC"));
        } catch (DateTimeException e) {
            throw notSetUp("setting '" + TIME_ZONE + "' is not a time zone such as America/New_York");
        }
        String documentType = value(settings, DOCUMENT_TYPE).orElse(DEFAULT_DOCUMENT_TYPE);
        if (!documentType.matches("\\d{1,7}-\\d")) {
            throw notSetUp("setting '" + DOCUMENT_TYPE + "' is not a LOINC code such as 34109-9");
        }
        String exportSystem = absoluteUri(settings, EXPORT_IDENTIFIER_SYSTEM, DEFAULT_EXPORT_IDENTIFIER_SYSTEM);
        boolean includeAttachments = !"false".equalsIgnoreCase(value(settings, INCLUDE_ATTACHMENTS).orElse("true"));
        return new ExporterSettings(baseUrl, mrnSystem, authentication, timeout, zone, documentType, exportSystem,
                includeAttachments);
    }

    private static Optional<String> value(Settings settings, String name) {
        return settings.get(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String required(Settings settings, String name) throws EhrFailure {
        Optional<String> value = value(settings, name);
        if (value.isEmpty()) {
            throw notSetUp("setting '" + name + "' is missing");
        }
        return value.get();
    }

    private static String token(Settings settings) throws EhrFailure {
        String token = required(settings, BEARER_TOKEN);
        // RFC 6750's token characters; anything else could not even go into a header
        if (!token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
            throw notSetUp("setting '" + BEARER_TOKEN + "' has characters an access token cannot have");
        }
        return token;
    }

    private static URI httpUrl(Settings settings, String name) throws EhrFailure {
        String value = required(settings, name);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw notSetUp("setting '" + name + "' is not an https URL without query");
        }
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw notSetUp("setting '" + name + "' is not an https URL without query");
        }
        // patient data and tokens travel in these requests: plain http only to this machine (e.g. a TLS proxy)
        if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
            throw notSetUp("setting '" + name + "' must be an https URL (plain http only to this machine)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host) || host.startsWith("127.") || "[::1]".equals(host);
    }

    private static String absoluteUri(Settings settings, String name, String fallback) throws EhrFailure {
        String value = fallback == null ? required(settings, name) : value(settings, name).orElse(fallback);
        try {
            if (new URI(value).isAbsolute() && !value.contains("|") && !value.contains(" ")) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw notSetUp("setting '" + name + "' is not an absolute URI such as urn:oid:1.2.3 or https://…");
    }

    private static Path keyFile(Settings settings) throws EhrFailure {
        try {
            return Path.of(required(settings, PRIVATE_KEY_FILE));
        } catch (InvalidPathException e) {
            throw notSetUp("setting '" + PRIVATE_KEY_FILE + "' is not a file path");
        }
    }

    private static long timeoutSeconds(Settings settings) throws EhrFailure {
        String value = value(settings, TIMEOUT_SECONDS).orElse("30");
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1 && seconds <= 600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw notSetUp("setting '" + TIMEOUT_SECONDS + "' must be a number of seconds from 1 to 600");
    }

    private static EhrFailure notSetUp(String problem) {
        return EhrFailure.permanent("The FHIR export is not set up correctly: " + problem + " (ask an admin).");
    }
}
