package org.parley.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.conversation.media.MediaInfo;

class InlinePicturesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    static final byte[] SVG_WITH_SCRIPT = ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>fetch('/')</script>"
            + "</svg>").getBytes(StandardCharsets.UTF_8);
    static final byte[] HTML = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

    private static MediaInfo stored(String announced, byte[] content) {
        return new MediaInfo(1, InlinePictures.typeToKeep(announced, content), "x", content.length, false);
    }

    @Test
    void anSvgWithAScriptAnnouncedAsAnImageIsNotDrawnInline() {
        MediaInfo svg = stored("image/svg+xml", SVG_WITH_SCRIPT);

        assertThat(svg.isImage()).isFalse();
        assertThat(InlinePictures.typeToServe(svg.contentType(), SVG_WITH_SCRIPT)).isEqualTo("application/octet-stream");
    }

    @Test
    void aPngStillShowsInline() {
        MediaInfo png = stored("image/png", PNG);

        assertThat(png.isImage()).isTrue();
        assertThat(png.contentType()).isEqualTo("image/png");
    }

    @Test
    void aPngAnnouncedAsAJpegIsStoredAsThePngItIs() {
        assertThat(stored("image/jpeg", PNG).contentType()).isEqualTo("image/png");
    }

    @Test
    void htmlAnnouncedAsAPngIsNotInline() {
        MediaInfo html = stored("image/png", HTML);

        assertThat(html.isImage()).isFalse();
        assertThat(html.contentType()).isEqualTo("application/octet-stream");
        assertThat(InlinePictures.typeToServe("image/png", HTML)).isEqualTo("application/octet-stream");
    }

    @Test
    void aRecordingKeepsItsAudioTypeSoTheThreadCanPlayIt() {
        byte[] mp3 = {'I', 'D', '3', 4, 0, 0};
        assertThat(InlinePictures.typeToServe(InlinePictures.typeToKeep("audio/mpeg", mp3), mp3))
                .isEqualTo("audio/mpeg");
    }

    @Test
    void anAnnouncedTypeThatCouldSplitAHeaderIsReplacedByTheDownloadType() {
        assertThat(InlinePictures.typeToKeep("text/html\r\nSet-Cookie: a=b", HTML))
                .isEqualTo("application/octet-stream");
    }

    @Test
    void fileNamesLoseFoldersQuotesAndControlCharacters() {
        assertThat(InlinePictures.safeFileName("../../etc/pass\"wd\r\n.svg")).isEqualTo("pass_wd__.svg");
        assertThat(InlinePictures.safeFileName(null)).isEqualTo("attachment");
        assertThat(InlinePictures.safeFileName("..")).isEqualTo("attachment");
    }
}
