package org.parley.chart;

/** Where a chart export is. */
public enum ExportStatus {
    /** Stored, waiting to be sent, or to be tried again after a retryable failure. */
    QUEUED,
    /** Being handed to the exporter right now. */
    SENDING,
    /** The EHR took it. */
    EXPORTED,
    /** The EHR refused it, or Parley could not send it; waits for a person to retry. */
    FAILED
}
