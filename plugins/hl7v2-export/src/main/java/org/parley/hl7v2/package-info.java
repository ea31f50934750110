/**
 * HL7 v2 as a Parley chart exporter: each "Copy to chart" becomes one MDM^T02 document (MSH, EVN, PID, PV1, TXA,
 * OBX) sent over MLLP, optionally TLS, and the EHR's ACK decides the result.
 *
 * <p>{@link org.parley.hl7v2.Hl7v2Exporter} is the extension; everything else is package-private:
 * {@link org.parley.hl7v2.InterfaceSettings} reads the admin's settings, {@link org.parley.hl7v2.ChartDocument}
 * writes the message with HAPI ({@link org.parley.hl7v2.Er7Codec}, {@link org.parley.hl7v2.Er7Escaping}),
 * {@link org.parley.hl7v2.MllpConnection} carries it, {@link org.parley.hl7v2.Acknowledgement} reads the answer.
 * Nothing here logs or throws patient data; the EHR's error texts pass through
 * {@link org.parley.hl7v2.PatientRedaction} before they become a failure reason.
 */
package org.parley.hl7v2;
