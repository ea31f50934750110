package org.parley.chart;

import org.springframework.data.jpa.repository.JpaRepository;

interface ExportDocumentRepository extends JpaRepository<ExportDocument, String> {
}
