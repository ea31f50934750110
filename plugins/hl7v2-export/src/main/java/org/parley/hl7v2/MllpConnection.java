package org.parley.hl7v2;

import ca.uhn.hl7v2.llp.HL7Reader;
import ca.uhn.hl7v2.llp.HL7Writer;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.LowerLayerProtocol;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * One MLLP connection to the EHR: connect (and TLS handshake), send one message, read one answer, close.
 *
 * <p>The framing is HAPI's ({@link MinLowerLayerProtocol}, reading and writing in the charset MSH-18 names,
 * UTF-8 otherwise); the socket is Parley's own rather than HAPI's {@code Connection}, because HAPI's client
 * connects without a time-out, does not check that a TLS certificate names the host, and runs its reader on a
 * shared thread pool with a JVM shutdown hook, which a plugin that can be unloaded must not leave behind.
 * Here everything happens on the calling thread, bounded by the ACK timeout.
 */
final class MllpConnection implements AutoCloseable {

    private final Socket socket;
    private final InterfaceSettings settings;

    private MllpConnection(Socket socket, InterfaceSettings settings) {
        this.socket = socket;
        this.settings = settings;
    }

    /**
     * Connects, and with TLS completes the handshake, within the ACK timeout.
     *
     * @throws Failure naming what went wrong, never any message content
     */
    static MllpConnection open(InterfaceSettings settings) throws Failure {
        int timeout = (int) settings.ackTimeout().toMillis();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            socket.setSoTimeout(timeout);
            socket.setTcpNoDelay(true);
            if (settings.tls()) {
                SSLSocket tls = (SSLSocket) tlsContext(settings).getSocketFactory()
                        .createSocket(socket, settings.host(), settings.port(), true);
                SSLParameters parameters = tls.getSSLParameters();
                // the certificate must name the host, as for https
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return new MllpConnection(tls, settings);
            }
            return new MllpConnection(socket, settings);
        } catch (IOException e) {
            closeQuietly(socket);
            throw connectFailure(e, settings);
        }
    }

    /** The TLS protocol in use (e.g. TLSv1.3), or {@code null} without TLS. */
    String tlsProtocol() {
        return socket instanceof SSLSocket tls ? tls.getSession().getProtocol() : null;
    }

    /**
     * Sends the message and waits for one answer.
     *
     * @return the answer, in ER7
     * @throws Failure when no answer came: always retryable, the EHR may or may not have the message
     */
    String exchange(String er7) throws Failure {
        LowerLayerProtocol mllp = new MinLowerLayerProtocol(true);
        mllp.setCharset(StandardCharsets.UTF_8);
        try {
            HL7Writer writer = mllp.getWriter(socket.getOutputStream());
            HL7Reader reader = mllp.getReader(socket.getInputStream());
            writer.writeMessage(er7);
            // HAPI's reader answers null when the socket's read time-out (the ACK timeout) passes
            String answer = reader.getMessage();
            if (answer == null) {
                throw new Failure(true, "No acknowledgement from the EHR within " + seconds(settings) + ".");
            }
            return answer;
        } catch (LLPException e) {
            throw new Failure(true, "The EHR's answer was not in MLLP framing.");
        } catch (IOException e) {
            throw new Failure(true, "The connection to the EHR's HL7 interface at " + settings.address()
                    + " broke before it acknowledged the document.");
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static SSLContext tlsContext(InterfaceSettings settings) throws Failure {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (settings.trustStore().isPresent()) {
                char[] password = settings.trustStorePassword() == null ? null
                        : settings.trustStorePassword().toCharArray();
                KeyStore store = KeyStore.getInstance(settings.trustStore().get().toFile(), password);
                trust.init(store);
            } else {
                trust.init((KeyStore) null);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new Failure(false, "The trust store could not be opened: check its path, type (PKCS12 or JKS) "
                    + "and password.");
        }
    }

    private static Failure connectFailure(IOException e, InterfaceSettings settings) {
        String address = settings.address();
        if (e instanceof SSLHandshakeException && causedBy(e, CertificateException.class)) {
            return new Failure(false, "The EHR's TLS certificate at " + address + " is not trusted or does not name "
                    + "this host: check the host and the trust store settings.");
        }
        if (e instanceof SSLException) {
            return new Failure(false, "TLS with the EHR's HL7 interface at " + address + " failed: check that "
                    + "this port expects TLS.");
        }
        if (e instanceof SocketTimeoutException) {
            return new Failure(true, "The EHR's HL7 interface at " + address + " did not answer within "
                    + seconds(settings) + ".");
        }
        if (e instanceof ConnectException) {
            return new Failure(true, "The EHR's HL7 interface at " + address + " refused the connection.");
        }
        if (e instanceof UnknownHostException) {
            return new Failure(true, "The EHR's host name " + settings.host() + " could not be resolved.");
        }
        if (e instanceof NoRouteToHostException) {
            return new Failure(true, "There is no route to the EHR's HL7 interface at " + address + ".");
        }
        return new Failure(true, "The EHR's HL7 interface at " + address + " could not be reached.");
    }

    private static String seconds(InterfaceSettings settings) {
        long seconds = settings.ackTimeout().toSeconds();
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    /** Why the document did not get through; the reason names hosts and settings, never message content. */
    static final class Failure extends Exception {

        private final boolean retryable;

        Failure(boolean retryable, String reason) {
            super(reason, null, false, false);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }
}
