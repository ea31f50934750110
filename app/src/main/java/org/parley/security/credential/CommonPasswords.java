package org.parley.security.credential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Passwords attackers try first, refused whatever their length. */
public final class CommonPasswords {

    private static final Set<String> LIST = load();

    private CommonPasswords() {
    }

    public static boolean contains(String password) {
        return LIST.contains(password.toLowerCase(Locale.ROOT).replaceAll("\\s+", ""));
    }

    private static Set<String> load() {
        try (var in = CommonPasswords.class.getResourceAsStream("common-passwords.txt");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
