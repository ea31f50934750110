package org.parley.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.streams.UploadEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedUploadTest {

    private final List<byte[]> received = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final BoundedUpload handler = new BoundedUpload(1000, "The file is larger than 1 KB.",
            (name, data) -> received.add(data), refusals::add);

    @Test
    void aFileWithinTheLimitIsReceivedWhole() throws Exception {
        UploadEvent event = OversizeUploads.upload("small.csv", 1000, 1000);

        handler.handleUploadRequest(event);

        assertThat(received).singleElement().satisfies(data -> assertThat(data).hasSize(1000));
        assertThat(event.isRejected()).isFalse();
    }

    @Test
    void aFileOverTheLimitThatClaimsToBeSmallIsRefusedWhileItIsReadAndNeverReceived() throws Exception {
        UploadEvent event = OversizeUploads.upload("big.csv", 10, 1001);

        handler.handleUploadRequest(event);

        assertThat(received).isEmpty();
        assertThat(event.isRejected()).isTrue();
        assertThat(event.getRejectionMessage()).isEqualTo("The file is larger than 1 KB.");
        assertThat(refusals).containsExactly("The file is larger than 1 KB.");
    }

    @Test
    void aFileThatDeclaresItIsOverTheLimitIsRefusedUnread() throws Exception {
        UploadEvent event = OversizeUploads.upload("big.csv", 5000, 5000);

        handler.handleUploadRequest(event);

        assertThat(received).isEmpty();
        assertThat(event.isRejected()).isTrue();
        assertThat(handler.getRequestSizeMax()).isPositive();
    }
}
