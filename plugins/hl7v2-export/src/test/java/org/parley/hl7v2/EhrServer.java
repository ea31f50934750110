package org.parley.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.MDM_T02;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.TXA;
import ca.uhn.hl7v2.protocol.MetadataKeys;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.SocketFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An EHR's HL7 listener, in process: HAPI's {@code SimpleServer} (MLLP, original-mode ACKs, HAPI's default
 * validation when parsing) with an application that checks each message is a well-formed MDM^T02 and then answers
 * as the test says: AA, AE or AR with an error code and text, or nothing at all.
 */
final class EhrServer implements AutoCloseable {

    private final HapiContext context;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HL7Service service;
    private final int port;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> structureProblems = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Answer answer = new Answer(AcknowledgmentCode.AA, null, null);

    private record Answer(AcknowledgmentCode code, ErrorCode error, String text) {
    }

    private EhrServer(SocketFactory sockets, boolean tls) {
        context = new DefaultHapiContext(threads);
        // HAPI's default numbers its ACKs through a file ("id_file") in the working directory
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        // reads each message in the charset its MSH-18 names, as an EHR should
        context.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
        if (sockets != null) {
            context.setSocketFactory(sockets);
        }
        port = freePort();
        service = context.newServer(port, tls);
        service.registerApplication("*", "*", new Application());
        try {
            service.startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A plain MLLP listener on a free port that accepts every well-formed document. */
    static EhrServer start() {
        return new EhrServer(null, false);
    }

    /** A listener that speaks TLS with the server sockets {@code sockets} makes. */
    static EhrServer startTls(SocketFactory sockets) {
        return new EhrServer(sockets, true);
    }

    /** A port nothing listens on (a moment ago it was free). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** From now on answer AE or AR with this HL7 error code and text. */
    void answers(AcknowledgmentCode code, ErrorCode error, String text) {
        answer = new Answer(code, error, text);
    }

    /** Accept every well-formed document again and forget what was received. */
    void reset() {
        answer = new Answer(AcknowledgmentCode.AA, null, null);
        received.clear();
        structureProblems.clear();
    }

    /** From now on read messages but never answer (until closed). */
    void neverAnswers() {
        answer = null;
    }

    /** Every message received, as the raw ER7 that came over the wire. */
    List<String> received() {
        return List.copyOf(received);
    }

    /** What the structure check found wrong with any message received (answered AE). */
    List<String> structureProblems() {
        return List.copyOf(structureProblems);
    }

    @Override
    public void close() {
        closing.countDown();
        service.stopAndWait();
        threads.shutdownNow();
    }

    private final class Application implements ReceivingApplication<Message> {

        @Override
        public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
            received.add((String) metadata.get(MetadataKeys.IN_RAW_MESSAGE));
            String problem = structureProblem(message, (String) metadata.get(MetadataKeys.IN_RAW_MESSAGE));
            if (problem != null) {
                structureProblems.add(problem);
                return ack(message, new Answer(AcknowledgmentCode.AE, ErrorCode.SEGMENT_SEQUENCE_ERROR, problem));
            }
            Answer now = answer;
            if (now == null) {
                try {
                    closing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now = new Answer(AcknowledgmentCode.AA, null, null);
            }
            return ack(message, now);
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }

        private Message ack(Message message, Answer answer) throws HL7Exception {
            Message ack;
            try {
                ack = answer.error() == null ? message.generateACK()
                        : message.generateACK(answer.code(), new HL7Exception(answer.text(), answer.error()));
            } catch (IOException e) {
                throw new HL7Exception(e);
            }
            // answers in the charset it was spoken to
            new Terser(ack).set("/MSH-18", "UNICODE UTF-8");
            return ack;
        }
    }

    /** Parsed as MDM_T02 with the segments in order and the fields an EHR files by; {@code null} when fine. */
    static String structureProblem(Message message, String raw) throws HL7Exception {
        if (!(message instanceof MDM_T02 mdm)) {
            return "not an MDM_T02 but " + message.getClass().getSimpleName();
        }
        List<String> segments = Arrays.stream(raw.split("\r")).filter(s -> !s.isBlank())
                .map(s -> s.substring(0, 3)).toList();
        List<String> expected = new ArrayList<>(List.of("MSH", "EVN", "PID", "PV1", "TXA"));
        while (expected.size() < segments.size()) {
            expected.add("OBX");
        }
        if (segments.size() < 6 || !segments.equals(expected)) {
            return "segments " + segments;
        }
        if (!"MDM^T02^MDM_T02".equals(mdm.getMSH().getMessageType().encode())
                || !"2.5.1".equals(mdm.getMSH().getVersionID().getVersionID().getValue())) {
            return "MSH-9/MSH-12 " + mdm.getMSH().getMessageType().encode();
        }
        PID pid = mdm.getPID();
        if (pid.getPatientIdentifierList(0).getIDNumber().isEmpty()
                || !"MR".equals(pid.getPatientIdentifierList(0).getIdentifierTypeCode().getValue())) {
            return "PID-3 without an MRN";
        }
        TXA txa = mdm.getTXA();
        if (txa.getDocumentType().isEmpty() || txa.getUniqueDocumentNumber().getEntityIdentifier().isEmpty()
                || txa.getActivityDateTime().isEmpty() || txa.getOriginatorCodeName(0).isEmpty()
                || !"AU".equals(txa.getDocumentCompletionStatus().getValue())) {
            return "TXA-2, -4, -9, -12 or -17 missing";
        }
        for (int i = 0; i < mdm.getOBSERVATIONReps(); i++) {
            OBX obx = mdm.getOBSERVATION(i).getOBX();
            if (!Integer.toString(i + 1).equals(obx.getSetIDOBX().getValue())
                    || !List.of("FT", "TX", "ED").contains(obx.getValueType().getValue())
                    || obx.getObservationValue(0).getData().isEmpty()
                    || !"F".equals(obx.getObservationResultStatus().getValue())) {
                return "OBX " + (i + 1);
            }
        }
        return null;
    }
}
