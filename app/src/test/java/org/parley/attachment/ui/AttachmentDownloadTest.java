package org.parley.attachment.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the browser receives for a stored attachment, through the handler the thread uses. */
class AttachmentDownloadTest {

    private final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private void serve(String storedType, String fileName, byte[] content) throws Exception {
        VaadinResponse response = mock(VaadinResponse.class);
        doAnswer(call -> headers.put(call.getArgument(0), call.getArgument(1))).when(response)
                .setHeader(anyString(), anyString());
        doAnswer(call -> headers.put("Content-Type", call.getArgument(0))).when(response).setContentType(anyString());
        when(response.getOutputStream()).thenReturn(body);
        DownloadEvent event = new DownloadEvent(mock(VaadinRequest.class), response, mock(VaadinSession.class), null);
        new AttachmentDownload(() -> Optional.of(content), storedType, fileName).handleDownloadRequest(event);
    }

    @Test
    void anSvgWithAScriptIsServedAsAnAttachmentWithNosniffAndASandbox() throws Exception {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        serve("image/svg+xml", "cat.svg", svg);

        assertThat(headers).containsEntry("Content-Disposition", "attachment; filename=\"cat.svg\"")
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Content-Type", "application/octet-stream")
                .containsEntry("Content-Security-Policy", "default-src 'none'; sandbox");
        assertThat(body.toByteArray()).isEqualTo(svg);
    }

    @Test
    void aPngIsServedInlineAsAPng() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
        serve("image/png", "photo.png", png);

        assertThat(headers).containsEntry("Content-Disposition", "inline; filename=\"photo.png\"")
                .containsEntry("Content-Type", "image/png").containsEntry("X-Content-Type-Options", "nosniff");
    }

    @Test
    void htmlStoredAsAPngBeforeThisCheckIsServedAsADownload() throws Exception {
        serve("image/png", "x\".png", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));

        assertThat(headers).containsEntry("Content-Disposition", "attachment; filename=\"x_.png\"")
                .containsEntry("Content-Type", "application/octet-stream");
    }
}
