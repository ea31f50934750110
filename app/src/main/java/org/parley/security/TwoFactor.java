package org.parley.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.security.credential.QrCodes;
import org.parley.security.credential.RecoveryCodes;
import org.parley.security.credential.Totp;
import org.parley.security.settings.SecuritySettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and one-time recovery codes. Required of admins,
 * and of everyone when the practice's security setting says so; anyone may set it up. Wrong codes count towards
 * the account lockout like wrong passwords.
 */
@Service
public class TwoFactor {

    static final String ISSUER = "Parley";

    /** What an account must do after its password. */
    enum Demand {
        /** Nothing: the password signs in. */
        NONE,
        /** Type a code from the app or a recovery code. */
        CODE,
        /** Set up two-factor sign-in first (the setup's code counts as the second factor). */
        ENROL
    }

    /**
     * A secret offered for enrolment, kept on the server while the person scans it.
     *
     * @param secret     Base32, shown as text for typing into an app
     * @param otpauthUri what the QR code holds
     * @param qrCode     the QR code as an image {@code data:} URI
     */
    public record EnrolmentOffer(String secret, String otpauthUri, String qrCode) {

        @Override
        public String toString() {
            return "EnrolmentOffer[secret hidden]";
        }
    }

    /** How a code was taken. */
    public enum Outcome {
        /** Right: the sign-in completes. */
        ACCEPTED,
        /** Wrong (or used before); counted towards the lockout. */
        WRONG,
        /** The account is locked (maybe by this very attempt), deactivated, or has no second factor to check. */
        REFUSED
    }

    /**
     * The answer to a code.
     *
     * @param outcome            accepted, wrong or refused
     * @param recoveryCodeUsed   whether a recovery code was used up
     * @param recoveryCodesLeft  how many unused recovery codes the account has
     */
    public record Verification(Outcome outcome, boolean recoveryCodeUsed, long recoveryCodesLeft) {
    }

    /**
     * Where an account stands.
     *
     * @param enrolled          whether it has two-factor sign-in
     * @param since             since when, or {@code null}
     * @param recoveryCodesLeft unused recovery codes
     * @param required          whether the account must have it
     */
    public record Status(boolean enrolled, Instant since, long recoveryCodesLeft, boolean required) {
    }

    private final StaffUserRepository users;
    private final RecoveryCodeRepository recoveryCodes;
    private final SecuritySettings settings;
    private final LoginFailures failures;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TwoFactor(StaffUserRepository users, RecoveryCodeRepository recoveryCodes, SecuritySettings settings,
              LoginFailures failures, AuditLog audit, Clock clock,
              ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.recoveryCodes = recoveryCodes;
        this.settings = settings;
        this.failures = failures;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Demand demandFor(String username) {
        StaffUser user = users.findByUsernameIgnoreCase(username).orElseThrow();
        if (user.hasTwoFactor()) {
            return Demand.CODE;
        }
        return required(user) ? Demand.ENROL : Demand.NONE;
    }

    private boolean required(StaffUser user) {
        return user.getRole() == Role.ADMIN || settings.twoFactorForEveryone();
    }

    /** Where an account stands with two-factor sign-in. */
    @Transactional(readOnly = true)
    public Status status(String username) {
        StaffUser user = users.findByUsernameIgnoreCase(username).orElseThrow(
                () -> new IllegalArgumentException("There is no such account."));
        return new Status(user.hasTwoFactor(), user.getTwoFactorSince(),
                recoveryCodes.countByStaffUserIdAndUsedAtIsNull(user.getId()), required(user));
    }

    /** A new secret for an account to enrol, with its QR code. Nothing is stored until a code confirms it. */
    public EnrolmentOffer offer(String username) {
        String secret = Totp.newSecret();
        String uri = Totp.otpauthUri(ISSUER, username, secret);
        return new EnrolmentOffer(secret, uri, QrCodes.svgDataUri(uri));
    }

    /**
     * Enrols the signed-in staff member (only themselves): as {@link #enrol}.
     *
     * @throws IllegalArgumentException when the code is not right
     */
    @Transactional
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public List<String> enrolSignedIn(String username, EnrolmentOffer offer, String code) {
        return enrol(username, offer, code);
    }

    /**
     * Keeps an offered secret once a code from the app proves the app has it, and returns new recovery codes,
     * to be shown once (only their hashes are kept).
     *
     * @throws IllegalArgumentException when the code is not right
     * @throws IllegalStateException when the account already has two-factor sign-in
     */
    @Transactional
    List<String> enrol(String username, EnrolmentOffer offer, String code) {
        StaffUser user = users.lockByUsername(username).orElseThrow(
                () -> new IllegalArgumentException("There is no such account."));
        if (user.hasTwoFactor()) {
            throw new IllegalStateException("Two-factor sign-in is already set up for this account.");
        }
        Instant now = clock.instant();
        OptionalLong step = Totp.matchingStep(offer.secret(), digits(code), now);
        if (step.isEmpty()) {
            throw new IllegalArgumentException("That code is not right. Type the 6 digits the app shows now.");
        }
        user.enrolTwoFactor(offer.secret(), step.getAsLong(), now);
        List<String> codes = newRecoveryCodes(user, now);
        audit.record(user.getUsername(), AuditAction.TWO_FACTOR_ENROLLED, "staff_user", String.valueOf(user.getId()), null);
        return codes;
    }

    /**
     * Checks a code after the password: a 6-digit code of the app (each accepted once) or an unused recovery code
     * (used up by this). A wrong code is audited and counted towards the lockout.
     */
    @Transactional
    Verification verify(String username, String code) {
        StaffUser user = users.lockByUsername(username).orElse(null);
        Instant now = clock.instant();
        if (user == null || !user.isEnabled() || user.isLockedAt(now) || !user.hasTwoFactor()) {
            return new Verification(Outcome.REFUSED, false, 0);
        }
        String typed = code == null ? "" : code.strip();
        if (digits(typed).matches("\\d{" + Totp.DIGITS + "}")) {
            OptionalLong step = Totp.matchingStep(user.getTotpSecret(), digits(typed), now);
            if (step.isPresent() && user.isFreshStep(step.getAsLong())) {
                user.codeAccepted(step.getAsLong());
                return new Verification(Outcome.ACCEPTED, false,
                        recoveryCodes.countByStaffUserIdAndUsedAtIsNull(user.getId()));
            }
        } else if (RecoveryCodes.looksLikeOne(typed)) {
            var recovery = recoveryCodes.findByStaffUserIdAndCodeHashAndUsedAtIsNull(user.getId(),
                    RecoveryCodes.hash(typed));
            if (recovery.isPresent()) {
                recovery.get().use(now);
                recoveryCodes.flush();
                long left = recoveryCodes.countByStaffUserIdAndUsedAtIsNull(user.getId());
                audit.record(user.getUsername(), AuditAction.RECOVERY_CODE_USED, "staff_user", String.valueOf(user.getId()),
                        left + " left");
                return new Verification(Outcome.ACCEPTED, true, left);
            }
        }
        boolean locked = failures.failed(user, "wrong second factor", true);
        return new Verification(locked ? Outcome.REFUSED : Outcome.WRONG, false, 0);
    }

    /**
     * Removes an account's two-factor sign-in and recovery codes, e.g. after a lost phone (admins only). The
     * account sets it up again at its next sign-in when it must have it.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void reset(String actor, long userId) {
        StaffUser user = users.findById(userId).orElseThrow(
                () -> new IllegalArgumentException("There is no such account."));
        user.resetTwoFactor();
        recoveryCodes.deleteAllOf(userId);
        audit.record(actor, AuditAction.TWO_FACTOR_RESET, "staff_user", String.valueOf(userId), null);
        // Whoever has the old phone is signed out everywhere (the account's session epoch moved).
        events.publishEvent(new StaffAccessChanged(userId));
    }

    private List<String> newRecoveryCodes(StaffUser user, Instant now) {
        recoveryCodes.deleteAllOf(user.getId());
        List<String> codes = RecoveryCodes.generate();
        for (String code : codes) {
            recoveryCodes.save(new RecoveryCode(user.getId(), RecoveryCodes.hash(code), now));
        }
        return codes;
    }

    /** A typed 6-digit code without the spaces some apps show in the middle. */
    private static String digits(String code) {
        return code == null ? "" : code.replaceAll("\\s", "");
    }
}
