package org.parley.hl7v2;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.Settings;

/**
 * One configured HL7 interface: where the EHR listens, how this practice is named in MSH, and how chart categories
 * become document types. Read from the admin's settings; a setting that cannot work is refused with a message that
 * names the setting (never its value, which may be a secret).
 *
 * @param host                 the EHR's (or interface engine's) MLLP host
 * @param port                 its MLLP port
 * @param tls                  whether to speak TLS
 * @param trustStore           a PKCS12 or JKS file with the CA (or the EHR's own certificate) to trust, or empty for
 *                             the JDK's default CAs
 * @param trustStorePassword   the trust store's password, or {@code null}
 * @param sendingApplication   MSH-3
 * @param sendingFacility      MSH-4
 * @param receivingApplication MSH-5, or {@code null}
 * @param receivingFacility    MSH-6, or {@code null}
 * @param processingId         MSH-11: P (production), T (training) or D (debugging)
 * @param ackTimeout           how long to wait for the connection and for the ACK
 * @param assigningAuthority   PID-3.4, the namespace of the MRN, or {@code null}
 * @param zone                 the practice's time zone: HL7 time stamps carry its offset, the text its local time
 * @param embedPictures        whether pictures travel as ED observations (base64) instead of a note
 * @param documentTypes        TXA-2 for each chart category
 */
record InterfaceSettings(String host, int port, boolean tls, Optional<Path> trustStore, String trustStorePassword,
                         String sendingApplication, String sendingFacility, String receivingApplication,
                         String receivingFacility, String processingId, Duration ackTimeout,
                         String assigningAuthority, ZoneId zone, boolean embedPictures,
                         Map<ChartCategory, String> documentTypes) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String TLS = "tls";
    static final String TRUST_STORE_PATH = "trustStorePath";
    static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    static final String SENDING_APPLICATION = "sendingApplication";
    static final String SENDING_FACILITY = "sendingFacility";
    static final String RECEIVING_APPLICATION = "receivingApplication";
    static final String RECEIVING_FACILITY = "receivingFacility";
    static final String PROCESSING_ID = "processingId";
    static final String ACK_TIMEOUT_SECONDS = "ackTimeoutSeconds";
    static final String ASSIGNING_AUTHORITY = "assigningAuthority";
    static final String TIME_ZONE = "timeZone";
    static final String EMBED_PICTURES = "embedPictures";

    static final String DEFAULT_PORT = "2575";
    static final String DEFAULT_SENDING_APPLICATION = "PARLEY";
    static final String DEFAULT_ACK_TIMEOUT_SECONDS = "30";

    /** Each category's setting and default TXA-2 code (table 0270 has no code for patient messages). */
    enum DocumentType {
        RESULTS(ChartCategory.RESULTS, "documentTypeResults", "PATMSG-RESULTS"),
        MEDICATION(ChartCategory.MEDICATION, "documentTypeMedication", "PATMSG-MEDICATION"),
        INSURANCE(ChartCategory.INSURANCE, "documentTypeInsurance", "PATMSG-INSURANCE"),
        BILLING(ChartCategory.BILLING, "documentTypeBilling", "PATMSG-BILLING"),
        OTHER(ChartCategory.OTHER, "documentTypeOther", "PATMSG-OTHER");

        final ChartCategory category;
        final String setting;
        final String defaultCode;

        DocumentType(ChartCategory category, String setting, String defaultCode) {
            this.category = category;
            this.setting = setting;
            this.defaultCode = defaultCode;
        }
    }

    /** The settings form, in order. */
    static List<ConfigProperty> properties() {
        List<ConfigProperty> connection = List.of(
                ConfigProperty.text(HOST, "Host",
                        "The EHR's or interface engine's HL7 (MLLP) listener, e.g. hl7.ehr.example.org. Ask the "
                                + "EHR's interface team.").asRequired(),
                new ConfigProperty(PORT, "Port", "The listener's TCP port.", ConfigProperty.Type.NUMBER, true,
                        DEFAULT_PORT, false),
                new ConfigProperty(TLS, "Use TLS", "Encrypt the connection (MLLP over TLS). The certificate must "
                        + "name the host above.", ConfigProperty.Type.BOOLEAN, false, "false", false),
                ConfigProperty.text(TRUST_STORE_PATH, "Trust store (TLS)",
                        "Path on the Parley server to a PKCS12 or JKS file holding the CA that signed the EHR's "
                                + "certificate (or the certificate itself). Blank: the JDK's public CAs."),
                new ConfigProperty(TRUST_STORE_PASSWORD, "Trust store password", "Blank when the file has none.",
                        ConfigProperty.Type.SECRET, false, null, false),
                new ConfigProperty(ACK_TIMEOUT_SECONDS, "Acknowledgement timeout (seconds)",
                        "How long to wait for the connection and for the EHR's ACK before trying again later.",
                        ConfigProperty.Type.NUMBER, false, DEFAULT_ACK_TIMEOUT_SECONDS, false));
        List<ConfigProperty> header = List.of(
                ConfigProperty.text(SENDING_APPLICATION, "Sending application (MSH-3)",
                        "How the EHR knows Parley.").withDefault(DEFAULT_SENDING_APPLICATION),
                ConfigProperty.text(SENDING_FACILITY, "Sending facility (MSH-4)",
                        "Blank: the practice's name."),
                ConfigProperty.text(RECEIVING_APPLICATION, "Receiving application (MSH-5)",
                        "As the EHR's interface team asks."),
                ConfigProperty.text(RECEIVING_FACILITY, "Receiving facility (MSH-6)",
                        "As the EHR's interface team asks."),
                ConfigProperty.text(PROCESSING_ID, "Processing ID (MSH-11)",
                        "P for production, T for a test interface.").withDefault("P"),
                ConfigProperty.text(ASSIGNING_AUTHORITY, "MRN assigning authority (PID-3.4)",
                        "The namespace the EHR gives its MRNs, e.g. the EHR's or the practice's code. Blank: "
                                + "none sent."),
                ConfigProperty.text(TIME_ZONE, "Time zone",
                        "The practice's time zone, e.g. America/New_York: times in the document are written in "
                                + "it. Blank: the Parley server's."),
                new ConfigProperty(EMBED_PICTURES, "Embed pictures",
                        "Send pictures inside the document (base64 ED observations). Only if the EHR files them "
                                + "and takes messages that large; otherwise the document notes each picture.",
                        ConfigProperty.Type.BOOLEAN, false, "false", false));
        List<ConfigProperty> types = Arrays.stream(DocumentType.values())
                .map(type -> ConfigProperty.text(type.setting,
                        "Document type for " + type.category.label() + " (TXA-2)",
                        "The EHR's document type code for messages about "
                                + type.category.label().toLowerCase(Locale.ROOT) + ".")
                        .withDefault(type.defaultCode))
                .toList();
        return Stream.of(connection, header, types).flatMap(List::stream).toList();
    }

    /**
     * The configured interface.
     *
     * @throws InvalidSetting naming a setting that is missing or cannot work
     */
    static InterfaceSettings of(ExporterContext context) {
        Settings settings = context.settings();
        String host = required(settings, HOST);
        int port = number(settings, PORT, DEFAULT_PORT, 1, 65_535);
        boolean tls = bool(settings, TLS);
        Optional<Path> trustStore = optional(settings, TRUST_STORE_PATH).map(InterfaceSettings::readableFile);
        String trustStorePassword = optional(settings, TRUST_STORE_PASSWORD).orElse(null);
        String processingId = optional(settings, PROCESSING_ID).orElse("P").toUpperCase(Locale.ROOT);
        if (!List.of("P", "T", "D").contains(processingId)) {
            throw new InvalidSetting("setting '" + PROCESSING_ID + "' must be P, T or D");
        }
        int ackSeconds = number(settings, ACK_TIMEOUT_SECONDS, DEFAULT_ACK_TIMEOUT_SECONDS, 1, 600);
        Map<ChartCategory, String> documentTypes = new EnumMap<>(ChartCategory.class);
        for (DocumentType type : DocumentType.values()) {
            documentTypes.put(type.category, optional(settings, type.setting).orElse(type.defaultCode));
        }
        return new InterfaceSettings(host, port, tls, trustStore, trustStorePassword,
                optional(settings, SENDING_APPLICATION).orElse(DEFAULT_SENDING_APPLICATION),
                optional(settings, SENDING_FACILITY).orElse(context.practiceName()),
                optional(settings, RECEIVING_APPLICATION).orElse(null),
                optional(settings, RECEIVING_FACILITY).orElse(null),
                processingId, Duration.ofSeconds(ackSeconds),
                optional(settings, ASSIGNING_AUTHORITY).orElse(null),
                zone(settings), bool(settings, EMBED_PICTURES), Map.copyOf(documentTypes));
    }

    /** TXA-2 for a category; no category is {@link ChartCategory#OTHER}. */
    String documentType(ChartCategory category) {
        return documentTypes.get(category == null ? ChartCategory.OTHER : category);
    }

    /** {@code host:port}, for messages to the admin (not PHI). */
    String address() {
        return host + ":" + port;
    }

    private static String required(Settings settings, String name) {
        return optional(settings, name)
                .orElseThrow(() -> new InvalidSetting("setting '" + name + "' is not configured"));
    }

    private static Optional<String> optional(Settings settings, String name) {
        return settings.get(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static int number(Settings settings, String name, String fallback, int min, int max) {
        String value = optional(settings, name).orElse(fallback);
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSetting("setting '" + name + "' must be a whole number from " + min + " to " + max);
    }

    private static boolean bool(Settings settings, String name) {
        return optional(settings, name).map(Boolean::parseBoolean).orElse(false);
    }

    private static ZoneId zone(Settings settings) {
        try {
            return optional(settings, TIME_ZONE).map(ZoneId::of).orElseGet(ZoneId::systemDefault);
        } catch (DateTimeException e) {
            throw new InvalidSetting("setting '" + TIME_ZONE + "' is not a time zone such as America/New_York");
        }
    }

    private static Path readableFile(String path) {
        try {
            Path file = Path.of(path);
            if (Files.isReadable(file) && Files.isRegularFile(file)) {
                return file;
            }
        } catch (InvalidPathException e) {
            // refused below
        }
        throw new InvalidSetting("setting '" + TRUST_STORE_PATH + "' is not a readable file on the Parley server");
    }

    /** A setting that is missing or cannot work; the message names the setting, never its value. */
    static final class InvalidSetting extends IllegalStateException {
        InvalidSetting(String message) {
            super(message);
        }
    }
}
