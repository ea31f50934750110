package org.parley.line;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.parley.encryption.EncryptedText;

/** A practice phone number served by a provider plugin. Its id appears in its webhook URLs. */
@Entity
@Table(name = "line")
class Line {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "phone_number", nullable = false)
    private String phoneNumber;

    @Column(name = "provider_id", nullable = false)
    private String providerId;

    /** Every value encrypted, not only those the provider marks SECRET: simpler, and account ids are worth hiding too. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "line_setting", joinColumns = @JoinColumn(name = "line_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "setting_value", nullable = false)
    @Convert(converter = Line.EncryptedSettingValue.class, attributeName = "value")
    private Map<String, String> settings = new HashMap<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "keyword_replies", nullable = false)
    private KeywordReplies keywordReplies = KeywordReplies.PARLEY;

    @Column(name = "help_text")
    private String helpText;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version")
    private long version;

    protected Line() {
    }

    Line(String id, String displayName, String phoneNumber, String providerId, Instant createdAt) {
        this.id = id;
        this.displayName = displayName;
        this.phoneNumber = phoneNumber;
        this.providerId = providerId;
        this.createdAt = createdAt;
    }

    String getId() {
        return id;
    }

    void update(LineSnapshot line) {
        this.displayName = line.name();
        this.phoneNumber = line.number();
        this.providerId = line.providerId();
        this.settings.clear();
        this.settings.putAll(line.settings());
        this.keywordReplies = line.keywordReplies();
        this.helpText = line.helpText();
    }

    LineSnapshot snapshot() {
        return new LineSnapshot(id, displayName, phoneNumber, providerId, Map.copyOf(settings), keywordReplies,
                helpText);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Line other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    /** line_setting.setting_value, encrypted bound to its table and column. */
    @Converter
    static class EncryptedSettingValue extends EncryptedText {
        EncryptedSettingValue() {
            super("line_setting", "setting_value");
        }
    }
}
