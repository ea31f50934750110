package org.parley.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a text from a family's shared number lands ({@code parley.family.*}). Checked at start.
 *
 * @param replyWindow a text from the shared number goes to the family member the practice last wrote to from the
 *                    line within this time (that is who the guardian is answering), else to the guardian's own
 *                    conversation
 */
@ConfigurationProperties("parley.family")
record FamilySettings(@DefaultValue("24h") Duration replyWindow) {

    FamilySettings {
        if (replyWindow == null || replyWindow.isNegative()) {
            throw new IllegalStateException("parley.family.reply-window must not be negative, e.g. 24h");
        }
    }
}
