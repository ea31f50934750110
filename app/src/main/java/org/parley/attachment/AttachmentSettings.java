package org.parley.attachment;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What staff may attach to a reply, and how long its public link holds ({@code parley.attachments.*}). Checked at
 * start (the types by {@link ReplyAttachments}, which knows which it can recognise).
 *
 * @param maxBytes     the largest file a reply may carry
 * @param types        the types a reply may carry, recognised by their content
 * @param maxFiles     how many files one reply may carry
 * @param linkValidity how long the public link a provider fetches an attachment from stays valid
 */
@ConfigurationProperties("parley.attachments")
public record AttachmentSettings(@DefaultValue("5242880") long maxBytes,
                                 @DefaultValue("image/jpeg,image/png,image/gif,application/pdf") List<String> types,
                                 @DefaultValue("1") int maxFiles,
                                 @DefaultValue("1h") Duration linkValidity) {

    public AttachmentSettings {
        if (maxBytes <= 0 || maxFiles <= 0) {
            throw new IllegalStateException("parley.attachments.max-bytes and parley.attachments.max-files must be "
                    + "positive");
        }
        if (linkValidity == null || linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalStateException("parley.attachments.link-validity must be longer than zero, e.g. 1h");
        }
    }
}
