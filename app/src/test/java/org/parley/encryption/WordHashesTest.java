package org.parley.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordHashesTest {

    @TempDir
    Path folder;

    @Test
    void wordsAreComparedWithoutCaseOrAccentsAndSplitAtAnythingButLettersAndDigits() {
        assertThat(WordHashes.wordsOf("Café au lait? CAFE, 3pm—Müller's x-ray!"))
                .containsExactly("cafe", "au", "lait", "3pm", "muller", "ray");
    }

    @Test
    void singleLettersAreNotWordsAndLongWordsAreCut() {
        assertThat(WordHashes.wordsOf("a b c")).isEmpty();
        assertThat(WordHashes.wordsOf("x".repeat(60))).containsExactly("x".repeat(WordHashes.MAX_LENGTH));
        assertThat(WordHashes.wordsOf(null)).isEmpty();
        assertThat(WordHashes.wordsOf("   ")).isEmpty();
    }

    @Test
    void aWordHasOneHashWhateverItsCaseAndTheHashIsNotTheWord() {
        WordHashes hashes = new WordHashes(new KeyRing(folder.resolve("parley.keys")));

        assertThat(hashes.hashesOf("Biopsy")).isEqualTo(hashes.hashesOf("biopsy"))
                .singleElement().asString().hasSize(32).doesNotContainIgnoringCase("biopsy");
        assertThat(hashes.hashesOf("biopsy results biopsy")).hasSize(2);
    }

    @Test
    void aPartOfAWordHashesDifferently() {
        WordHashes hashes = new WordHashes(new KeyRing(folder.resolve("parley.keys")));

        assertThat(hashes.hashesOf("biopsy")).doesNotContainAnyElementsOf(hashes.hashesOf("biop"));
    }

    @Test
    void anotherIndexKeyGivesOtherHashes() {
        WordHashes practice = new WordHashes(new KeyRing(folder.resolve("practice.keys")));
        WordHashes other = new WordHashes(new KeyRing(folder.resolve("other.keys")));

        assertThat(practice.hashesOf("biopsy")).isNotEqualTo(other.hashesOf("biopsy"));
    }

    @Test
    void aRotationOfTheEncryptionKeyKeepsTheWordHashes() {
        KeyRing ring = new KeyRing(folder.resolve("parley.keys"));
        WordHashes hashes = new WordHashes(ring);
        var before = hashes.hashesOf("biopsy");

        ring.rotate();

        assertThat(hashes.hashesOf("biopsy")).isEqualTo(before);
    }
}
