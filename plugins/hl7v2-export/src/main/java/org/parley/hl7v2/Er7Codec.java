package org.parley.hl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * HAPI, set up once: writes HL7 v2.5.1 in ER7 ("pipes and hats") with {@link Er7Escaping}, and reads any version's
 * ACK as a v2.5.1 ACK (an EHR on 2.3 answers in 2.3).
 *
 * <p>No validation: HAPI's default rules would "correct" values (trim text) and refuse an EHR's slightly sloppy
 * ACK; what Parley writes is checked by the tests against HAPI's validating server instead. Only the parser is
 * used, never HAPI's connection classes (see {@link MllpConnection}), so no HAPI thread pool is ever started.
 * The parser is thread-safe; one serves every export.
 */
final class Er7Codec {

    static final String VERSION = "2.5.1";

    private final HapiContext context;
    private final PipeParser parser;

    Er7Codec() {
        context = new DefaultHapiContext(new CanonicalModelClassFactory(VERSION));
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setEscaping(new Er7Escaping());
        // MSH-10 comes from the export; HAPI's default generator would keep a counter file in the working directory
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        parser = context.getPipeParser();
    }

    /** The factory new messages are made with, so that they encode through this codec. */
    ModelClassFactory models() {
        return context.getModelClassFactory();
    }

    /** The message in ER7, segments ended by carriage returns. */
    String encode(Message message) throws HL7Exception {
        return parser.encode(message);
    }

    /**
     * Reads an answer as an acknowledgement.
     *
     * @throws HL7Exception when it is not HL7 or not an ACK (the exception quotes the text: never show or log it)
     */
    Acknowledgement readAcknowledgement(String er7) throws HL7Exception {
        Message answer = parser.parse(er7);
        if (!(answer instanceof ACK ack)) {
            throw new HL7Exception("not an acknowledgement");
        }
        return Acknowledgement.of(ack);
    }
}
