package org.parley.hl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.MDM_T02;
import ca.uhn.hl7v2.util.Terser;
import java.util.Arrays;
import java.util.List;

/** Reads a message the way an EHR would: HAPI's stock parser with its default validation. */
final class Er7 {

    private final String text;
    private final MDM_T02 mdm;
    private final Terser terser;

    private Er7(String text) throws HL7Exception {
        this.text = text;
        try (DefaultHapiContext ehr = new DefaultHapiContext()) {
            this.mdm = (MDM_T02) ehr.getPipeParser().parse(text);
        }
        this.terser = new Terser(mdm);
    }

    static Er7 read(String text) throws HL7Exception {
        return new Er7(text);
    }

    /** The message as HAPI's v2.5.1 model. */
    MDM_T02 mdm() {
        return mdm;
    }

    /** The message exactly as written. */
    String text() {
        return text;
    }

    /** A field, component or subcomponent by Terser path, unescaped, e.g. {@code /PID-3-4}. */
    String get(String path) throws HL7Exception {
        return terser.get(path);
    }

    /** The value of the n-th OBX (1-based), unescaped. */
    String observation(int n, int field) throws HL7Exception {
        return terser.get("/OBSERVATION(" + (n - 1) + ")/OBX-" + field);
    }

    /** The segments as they were written, without their carriage returns. */
    List<String> segments() {
        return Arrays.stream(text.split("\r")).filter(s -> !s.isEmpty()).toList();
    }

    /** The first segment with this name, as written. */
    String segment(String name) {
        return segments().stream().filter(s -> s.startsWith(name + "|")).findFirst().orElseThrow();
    }
}
