package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private key file an admin configures: what is accepted, and what each wrong file is told. */
class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void aPkcs8RsaKeySignsRs384AndAP384EcKeyEs384() throws Exception {
        assertThat(SigningKey.read(TestKeys.rsa(dir, "rsa").path()).algorithm()).isEqualTo("RS384");
        assertThat(SigningKey.read(TestKeys.ecP384(dir, "ec").path()).algorithm()).isEqualTo("ES384");
    }

    @Test
    void aMissingFileIsNamedBySettingNotByPath() {
        assertThatThrownBy(() -> SigningKey.read(dir.resolve("absent.pem")))
                .isInstanceOfSatisfying(EhrFailure.class, failure -> {
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.reason()).isEqualTo("The private key file cannot be read (setting "
                            + "'privateKeyFile'): check that it exists and that Parley's user may read it.");
                });
    }

    @Test
    void aTraditionalRsaOrEcKeyFileIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("old.pem"), TestKeys.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> SigningKey.read(pkcs1)).isInstanceOf(EhrFailure.class)
                .hasMessageContaining("not PKCS#8").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void anEncryptedKeyIsRefused() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("enc.pem"),
                TestKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> SigningKey.read(encrypted)).hasMessageContaining("is encrypted");
    }

    @Test
    void anEcKeyOnAnotherCurveIsRefusedBecauseEs384NeedsP384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        Path p256 = Files.writeString(dir.resolve("p256.pem"),
                TestKeys.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));

        assertThatThrownBy(() -> SigningKey.read(p256)).hasMessageContaining("not on the P-384 curve");
    }

    @Test
    void aShortRsaKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        Path short1024 = Files.writeString(dir.resolve("short.pem"),
                TestKeys.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));

        assertThatThrownBy(() -> SigningKey.read(short1024)).hasMessageContaining("2048 bits or more");
    }

    @Test
    void aFileWithoutAKeyIsRefusedWithoutQuotingIt() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("cert.pem"), "secret-looking content");

        assertThatThrownBy(() -> SigningKey.read(notAKey)).hasMessage(
                "The private key file holds no PEM key (setting 'privateKeyFile').");
    }
}
