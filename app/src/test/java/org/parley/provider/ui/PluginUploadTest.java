package org.parley.provider.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.streams.UploadEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.ui.OversizeUploads;
import org.parley.provider.PluginAdministration;
import org.parley.provider.ProviderRegistry;
import org.parley.security.web.CurrentStaff;

/** The plugin upload's limit ({@code parley.plugins.max-upload-bytes}) holds on the server. */
class PluginUploadTest {

    @BeforeEach
    void aBrowser() {
        MockVaadin.setup();
    }

    @AfterEach
    void closed() {
        MockVaadin.tearDown();
    }

    @Test
    void aPluginArchiveOverTheLimitIsRefusedOnTheServerWithAClearMessageAndNotInstalled() throws Exception {
        PluginAdministration administration = mock(PluginAdministration.class);
        when(administration.maxUploadBytes()).thenReturn(2L * 1024 * 1024);
        PluginsView view = new PluginsView(mock(ProviderRegistry.class), administration, mock(CurrentStaff.class));
        UI.getCurrent().add(view);
        UploadEvent upload = OversizeUploads.upload("evil-0.1.zip", 100, 2 * 1024 * 1024 + 1);

        view.uploadHandler.handleUploadRequest(upload);
        MockVaadin.clientRoundtrip(false);

        assertThat(upload.isRejected()).isTrue();
        assertThat(view.result.getText()).isEqualTo("Not installed: the archive is larger than 2 MB.");
        verify(administration, never()).install(anyString(), anyString(), any());
    }
}
