package org.parley.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "REVOKE",
            "optout", "\tSTOP\n", "Stop.", "STOP!", "opt out", "Opt-Out", "opt out.", "Unsubscribe!!", "Stop all",
            "\"Stop\""})
    void aKeywordInAnyCaseWithPunctuationOrTwoWordsOptsOutAsTheFccListsThem(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", " Yes ", "UNSTOP", "Start.", "Yes!"})
    void aTextThatIsExactlyAnOptInKeywordOptsIn(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.OPT_IN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "help", " Info"})
    void helpOrInfoAsksForTheHelpText(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"please stop texting me", "Stop please", "Don't text me anymore",
            "do not message me", "No more texts", "remove me from this list", "I want to opt out",
            "unsubscribe me please", "Can you stop sending these", "stop it now"})
    void aWishToStopInOtherWordsIsOnlyFlagged(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.POSSIBLE_OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Can I get a refill?", "The pain does not stop", "I'll start the new pills tomorrow",
            "yes please, Tuesday works", "Thanks for the help!", "STOPPED by the pharmacy", "", "Yes, Tuesday",
            "End of week?", "Help me"})
    void anOrdinaryTextChangesNothing(String text) {
        assertThat(Keywords.classify(text)).isEqualTo(Keyword.NONE);
    }
}
