package org.parley.base.ui;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.UploadEvent;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** For tests: an upload request as Vaadin hands it to a view's server-side handler. */
public final class OversizeUploads {

    private OversizeUploads() {
    }

    /**
     * A file of {@code actualBytes} whose request declares only {@code declaredBytes}, as a script that skips the
     * browser's check could send it.
     */
    public static UploadEvent upload(String fileName, long declaredBytes, int actualBytes) throws Exception {
        VaadinRequest request = mock(VaadinRequest.class);
        Part part = mock(Part.class);
        when(request.getInputStream()).thenAnswer(call -> stream(actualBytes));
        when(part.getInputStream()).thenAnswer(call -> stream(actualBytes));
        when(part.getSize()).thenReturn(declaredBytes);
        return new UploadEvent(request, mock(VaadinResponse.class), mock(VaadinSession.class), fileName,
                declaredBytes, "application/octet-stream", null, part);
    }

    private static InputStream stream(int bytes) {
        return new ByteArrayInputStream(new byte[bytes]);
    }
}
