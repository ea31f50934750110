package org.parley.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.parley.security.credential.Totp;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets tests create staff accounts of any role. Parley has no public way to add one yet (only the first
 * admin), so this saves the account the way {@link StaffDirectory} would, password hashed.
 */
@Component
public class StaffFixtures {

    private final StaffUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final StaffDirectory directory;
    private final TwoFactor twoFactor;
    private final SignInSession signIns;
    private final Clock clock;

    StaffFixtures(StaffUserRepository users, PasswordEncoder passwordEncoder, StaffDirectory directory,
                  TwoFactor twoFactor, SignInSession signIns, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.directory = directory;
        this.twoFactor = twoFactor;
        this.signIns = signIns;
        this.clock = clock;
    }

    /**
     * Sets up two-factor sign-in for an account and returns its secret. The setup uses the code of the time step
     * before now, so the code of now still signs in (each step's code is accepted once).
     */
    public String enrolTwoFactor(String username) {
        TwoFactor.EnrolmentOffer offer = twoFactor.offer(username);
        twoFactor.enrol(username, offer, Totp.code(offer.secret(), Totp.step(clock.instant()) - 1));
        return offer.secret();
    }

    /** The code an authenticator app with this secret shows now. */
    public String codeNow(String secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

    /** Puts a browser session where a right password leaves it: its second factor (or its setup) due. */
    public void passwordAccepted(HttpServletRequest request,
                                 HttpServletResponse response, String username) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PasswordVerified(username,
                twoFactor.demandFor(username) == TwoFactor.Demand.ENROL, null));
        signIns.saveContext(context, request, response);
    }

    /** The account with this user name, created with the given role and password when it does not exist. */
    @Transactional
    public StaffMember account(String username, String displayName, String password, Role role) {
        return users.findByUsernameIgnoreCase(username).map(StaffUser::toStaffMember)
                .orElseGet(() -> users.save(new StaffUser(StaffDirectory.validUsername(username), displayName,
                        passwordEncoder.encode(password), role, clock.instant())).toStaffMember());
    }

    /** The first admin, created when Parley has no account yet. */
    public void firstAdmin(String username, String displayName, String password) {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin(username, displayName, password);
        }
    }
}
