package org.parley.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The first factor: the password, checked by Spring Security's own provider (bcrypt, locked and deactivated
 * accounts refused, unknown names answered like wrong passwords). An account that must pass a second factor gets
 * a {@link PasswordVerified} without roles instead of a login. As the only provider bean it is the whole of
 * Spring Security's password login.
 */
@Component
class PasswordStep implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final TwoFactor twoFactor;

    PasswordStep(StaffAuthorities staff, PasswordEncoder encoder, TwoFactor twoFactor) {
        this.passwords = new DaoAuthenticationProvider(staff::loadUserByUsername);
        this.passwords.setPasswordEncoder(encoder);
        this.twoFactor = twoFactor;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication checked = passwords.authenticate(authentication);
        return switch (twoFactor.demandFor(checked.getName())) {
            case NONE -> checked;
            case CODE -> new PasswordVerified(checked.getName(), false, checked.getDetails());
            case ENROL -> new PasswordVerified(checked.getName(), true, checked.getDetails());
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
