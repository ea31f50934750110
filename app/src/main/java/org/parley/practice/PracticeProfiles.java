package org.parley.practice;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.security.StaffMember;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practice's name and time zone: read from the database on each use (so every node sees an admin's change at
 * once), falling back to the {@code parley.practice.*} properties until set. Changed by admins, audited.
 */
@Service
public class PracticeProfiles {

    static final int MAX_NAME = 200;

    private final PracticeProfileRepository profiles;
    private final PracticeDefaults defaults;
    private final AuditLog audit;
    private final Clock clock;

    PracticeProfiles(PracticeProfileRepository profiles, PracticeDefaults defaults, AuditLog audit, Clock clock) {
        this.profiles = profiles;
        this.defaults = defaults;
        this.audit = audit;
        this.clock = clock;
    }

    /** The practice as it is now. */
    @Transactional(readOnly = true)
    public Practice current() {
        return profiles.findById(PracticeProfile.THE_ONE)
                .map(p -> new Practice(p.getName(), zone(p.getTimeZone()), true))
                .orElseGet(() -> new Practice(defaults.name(), defaults.timeZone(), false));
    }

    /** The practice's name, e.g. for the automatic STOP/START/HELP answers. */
    public String name() {
        return current().name();
    }

    /** The zone the practice's clocks show. */
    public ZoneId timeZone() {
        return current().timeZone();
    }

    /**
     * Sets the practice's name and time zone (admins only).
     *
     * @throws IllegalArgumentException when the name is blank or too long, or the zone unknown
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Practice change(StaffMember actor, String name, String timeZone) {
        return store(actor.username(), name, timeZone);
    }

    /**
     * Records the name and zone given on the first-run page, right after the first admin was created there; does
     * nothing once the practice was set (the first-run page is open to anyone until an admin exists).
     */
    @Transactional
    public void setAtFirstRun(StaffMember actor, String name, String timeZone) {
        if (profiles.existsById(PracticeProfile.THE_ONE)) {
            return;
        }
        store(actor.username(), name, timeZone);
    }

    /** Checks what the first-run page was given before anything is created. */
    public static void check(String name, String timeZone) {
        cleanName(name);
        knownZone(timeZone);
    }

    private Practice store(String actor, String name, String timeZone) {
        String clean = cleanName(name);
        ZoneId zone = knownZone(timeZone);
        PracticeProfile profile = profiles.findById(PracticeProfile.THE_ONE).orElseGet(PracticeProfile::new);
        profile.change(clean, zone.getId(), actor, clock.instant());
        profiles.save(profile);
        audit.record(actor, AuditAction.PRACTICE_CHANGED, "practice", String.valueOf(PracticeProfile.THE_ONE),
                "time zone " + zone.getId());
        return new Practice(clean, zone, true);
    }

    private static String cleanName(String name) {
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("Enter the practice's name, as patients know it.");
        }
        if (clean.length() > MAX_NAME) {
            throw new IllegalArgumentException("The practice's name is longer than " + MAX_NAME + " characters.");
        }
        return clean;
    }

    private static ZoneId knownZone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw new IllegalArgumentException("Choose the practice's time zone.");
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + timeZone.strip() + "' is not a known time zone "
                    + "(e.g. America/New_York).");
        }
    }

    private ZoneId zone(String stored) {
        try {
            return ZoneId.of(stored);
        } catch (DateTimeException e) {
            return defaults.timeZone();
        }
    }
}
