package org.parley.security.settings;

import java.time.Clock;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The practice's security settings, stored in the database; changed by admins only, every change audited. */
@Service
public class SecuritySettings {

    static final String TWO_FACTOR_FOR_EVERYONE = "two_factor_for_everyone";

    private final SecuritySettingRepository settings;
    private final AuditLog audit;
    private final Clock clock;

    SecuritySettings(SecuritySettingRepository settings, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether every staff member must sign in with a second factor (admins always must). */
    @Transactional(readOnly = true)
    public boolean twoFactorForEveryone() {
        return settings.findById(TWO_FACTOR_FOR_EVERYONE).map(s -> Boolean.parseBoolean(s.getValue()))
                .orElse(false);
    }

    /** Requires a second factor of every staff member, or of admins only (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void requireTwoFactorForEveryone(String actor, boolean required) {
        if (required == twoFactorForEveryone()) {
            return;
        }
        SecuritySetting setting = settings.findById(TWO_FACTOR_FOR_EVERYONE)
                .orElseGet(() -> new SecuritySetting(TWO_FACTOR_FOR_EVERYONE));
        setting.change(Boolean.toString(required), actor, clock.instant());
        settings.save(setting);
        audit.record(actor, AuditAction.SECURITY_SETTING_CHANGED, "security_setting", TWO_FACTOR_FOR_EVERYONE,
                Boolean.toString(required));
    }
}
