package org.parley.outbound;

import org.parley.attachment.InlinePictures;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /media/{token}.{ending}}: a picture or file of a reply, for the provider sending it as MMS. No login
 * (security lets it through like the webhooks): the signed, expiring token is the permission. Anything wrong with
 * the token is a plain 404, saying nothing about why.
 */
@RestController
class MediaLinkController {

    private final MediaLinks links;

    MediaLinkController(MediaLinks links) {
        this.links = links;
    }

    @GetMapping("/media/{file}")
    ResponseEntity<byte[]> media(@PathVariable String file) {
        return links.fetch(file)
                .map(served -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(served.contentType()))
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + served.fileName() + "\"")
                        // Staff's replies are checked by their content before they are stored; should anything else
                        // ever be served here, opened in a browser it runs nothing and reaches nothing.
                        .header("Content-Security-Policy", InlinePictures.ATTACHMENT_POLICY)
                        .body(served.data()))
                .orElseGet(() -> ResponseEntity.notFound().cacheControl(CacheControl.noStore()).build());
    }
}
