package org.parley.chart;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.encryption.EncryptedBytes;

/**
 * The document an exporter wrote for an export (e.g. a PDF), for staff to download. A table of its own, so listing
 * exports never loads documents.
 */
@Entity
@Table(name = "chart_export_document")
class ExportDocument {

    @Id
    @Column(name = "export_id")
    private String exportId;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Convert(converter = ExportDocument.EncryptedData.class)
    @Column(name = "data", nullable = false)
    private byte[] data;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ExportDocument() {
    }

    ExportDocument(String exportId, String fileName, String contentType, byte[] data, Instant createdAt) {
        this.exportId = exportId;
        this.fileName = fileName;
        this.contentType = contentType;
        this.data = data;
        this.createdAt = createdAt;
    }

    String getFileName() {
        return fileName;
    }

    String getContentType() {
        return contentType;
    }

    byte[] getData() {
        return data;
    }

    /** chart_export_document.data, encrypted bound to its table and column. */
    @Converter
    static class EncryptedData extends EncryptedBytes {
        EncryptedData() {
            super("chart_export_document", "data");
        }
    }
}
