/**
 * Copy to chart over FHIR R4: the selected messages become one {@code DocumentReference} in the patient's chart,
 * the patient found by MRN (or by name and date of birth), written with a conditional create keyed by the export's
 * id, authorised by SMART Backend Services or a bearer token.
 *
 * <p>{@link org.parley.fhirexport.FhirChartExporter} is the extension; {@code ChartDocument} builds the resource,
 * {@code PatientSearch} finds the patient, {@code FhirEndpoint} talks HTTP to the EHR and {@code SmartBackendServices}
 * obtains tokens. Nothing here logs or throws patient data: reasons name the problem, never the patient.
 */
package org.parley.fhirexport;
