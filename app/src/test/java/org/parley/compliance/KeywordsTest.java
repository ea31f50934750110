package org.parley.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "REVOKE",
            "optout", "\tSTOP\n"})
    void aTextThatIsExactlyAnOptOutKeywordOptsOut(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", " Yes ", "UNSTOP"})
    void aTextThatIsExactlyAnOptInKeywordOptsIn(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.OPT_IN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "help", " Info"})
    void helpOrInfoAsksForTheHelpText(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"please stop texting me", "STOP!", "Stop please", "Don't text me anymore",
            "do not message me", "No more texts", "remove me from this list", "I want to opt out",
            "opt-out", "unsubscribe me please", "Can you stop sending these"})
    void aWishToStopInOtherWordsIsOnlyFlagged(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.POSSIBLE_OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Can I get a refill?", "The pain does not stop", "I'll start the new pills tomorrow",
            "yes please, Tuesday works", "Thanks for the help!", "STOPPED by the pharmacy", ""})
    void anOrdinaryTextChangesNothing(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.NONE);
    }
}
