package org.parley.patient.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.server.streams.UploadEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.ui.OversizeUploads;
import org.parley.patient.PatientImport;

/** The CSV import's limit holds on the server, not only in the browser. */
class PatientImportUploadTest {

    @BeforeEach
    void aBrowser() {
        MockVaadin.setup();
    }

    @AfterEach
    void closed() {
        MockVaadin.tearDown();
    }

    @Test
    void aCsvFileOverTwentyMegabytesIsRefusedOnTheServerWithAClearMessageAndNothingIsImported() throws Exception {
        PatientImport patientImport = mock(PatientImport.class);
        PatientImportDialog dialog = new PatientImportDialog(patientImport, "admin", () -> { });
        dialog.open();
        MockVaadin.clientRoundtrip(false);
        UploadEvent upload = OversizeUploads.upload("patients.csv", 100, PatientImportDialog.MAX_FILE_BYTES + 1);

        dialog.uploadHandler.handleUploadRequest(upload);
        MockVaadin.clientRoundtrip(false);

        assertThat(upload.isRejected()).isTrue();
        assertThat(dialog.status.getText()).isEqualTo("The file is larger than 20 MB: split it and import the parts.");
        verifyNoInteractions(patientImport);
    }
}
