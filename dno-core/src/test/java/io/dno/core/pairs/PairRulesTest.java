package io.dno.core.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Demonstration;
import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked examples of the paper's rules, with the expected pairs written out by hand. */
class PairRulesTest {
    private static final Prompt P = Prompt.of("p", "What is 12 + 30?");

    private static Scored student(String text, double score) {
        return Scored.of(Response.student("p", text), score);
    }

    private static Scored teacher(String text, double score) {
        return Scored.of(Response.teacher("p", text), score);
    }

    private static List<String> describe(List<PreferencePair> pairs) {
        return pairs.stream().map(p -> p.chosen().text() + ">" + p.rejected().text() + " " + p.kind() + " "
                + p.margin()).toList();
    }

    @Test
    void dnoPairsEveryEligiblePositiveWithEveryCandidateFarEnoughBelow() {
        // teacher 5: needs 2 points, so beats s3 (3) and s1 (2), not s2 (4) nor s4 (5)
        // s4 (student, 5): needs 1 point, so beats s2 (4), s3 and s1; not the teacher (tie)
        // s2 (4): not eligible
        List<Scored> candidates = List.of(student("42", 5), student("forty-two?", 4), student("41", 3),
                student("12", 2), teacher("12 + 30 = 42.", 5));
        assertEquals(List.of(
                        "12 + 30 = 42.>41 T>S 2.0", "12 + 30 = 42.>12 T>S 3.0",
                        "42>forty-two? S>S 1.0", "42>41 S>S 2.0", "42>12 S>S 3.0"),
                describe(PairBuilders.dno().build(P, candidates, 1)));
    }

    @Test
    void aStudentThatBeatsTheTeacherByOnePointGivesAStudentOverTeacherPair() {
        List<PreferencePair> pairs = PairBuilders.dno().build(P, List.of(student("42", 6), teacher("42.", 5)), 2);
        assertEquals(List.of("42>42. S>T 1.0"), describe(pairs));
        assertEquals(2, pairs.get(0).iteration());
    }

    @Test
    void aTeacherUnderTheEligibilityThresholdIsNeverPositive() {
        assertEquals(List.of(), PairBuilders.dno().build(P, List.of(student("x", 0), teacher("y", 4.5)), 1));
    }

    @Test
    void aDefectiveSampleIsAnAutomaticNegativeAndNeverAPositive() {
        String looping = "the answer is the answer is the answer is the answer is";
        List<Scored> candidates = List.of(student(looping, 6), student("42", 5), teacher("42.", 4));
        // the looping sample scored 6 but counts as 0: "42" beats it by 5; it beats nothing
        assertEquals(List.of("42>" + looping + " S>S 5.0", "42>42. S>T 1.0"),
                describe(PairBuilders.dno().build(P, candidates, 1)));
    }

    @Test
    void restrictiveKeepsOnlyTeacherOverStudent() {
        List<Scored> candidates = List.of(student("42", 6), student("1", 0), teacher("42.", 5));
        assertEquals(List.of("42.>1 T>S 5.0"), describe(PairBuilders.dnoRestrictive().build(P, candidates, 1)));
    }

    @Test
    void spinPairsTheTeacherWithEveryDistinctSampleWhateverTheScores() {
        List<Scored> candidates = List.of(student("b", 6), student("a", 1), student("b", 2), teacher("t", 0),
                student("t", 3));
        assertEquals(List.of("t>a T>S 0.0", "t>b T>S 0.0"), describe(PairBuilders.spin().build(P, candidates, 1)));
    }

    @Test
    void identicalTextsAreOneCandidateWithTheMeanScore() {
        // two copies of "42" scored 6 and 4: one candidate scoring 5, eligible, beats "41" (3) by 2
        List<Scored> candidates = List.of(student("42", 6), student("42", 4), student("41", 3));
        assertEquals(List.of("42>41 S>S 2.0"), describe(PairBuilders.dno().build(P, candidates, 1)));
    }

    @Test
    void bestVsWorstTakesTheExtremes() {
        List<Scored> candidates = List.of(student("a", 3), student("b", 1), teacher("c", 5), student("d", 1));
        // worst is a tie between "b" and "d": broken by text, "d" sorts last
        assertEquals(List.of("c>d T>S 4.0"), describe(PairBuilders.bestVsWorst(2).build(P, candidates, 1)));
    }

    @Test
    void positivesAreTheEligibleNonDefectiveAnswers() {
        String looping = "a b c a b c a b c a b c";
        List<Demonstration> demos = PairBuilders.positives().select(P,
                List.of(student("42", 5), student(looping, 6), teacher("42.", 6), student("41", 4)));
        assertEquals(List.of("42.", "42"), demos.stream().map(Demonstration::response).toList());
    }

    @Test
    void rejectsCandidatesOfAnotherPrompt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PairBuilders.dno().build(P, List.of(Scored.of(Response.student("q", "x"), 1)), 1));
        assertTrue(e.getMessage().contains("candidates[0]"), e.getMessage());
    }

    @Test
    void rejectsMarginsThatWouldPairTies() {
        assertThrows(IllegalArgumentException.class, () -> DnoPairRules.PAPER.withMargin(0));
        assertThrows(IllegalArgumentException.class, () -> DnoPairRules.PAPER.withStudentPositiveMargin(-1));
        assertThrows(IllegalArgumentException.class, () -> PairBuilders.bestVsWorst(0));
        assertThrows(IllegalArgumentException.class, () -> DnoPairRules.PAPER.withMinPositiveScore(7));
    }

    @Test
    void theRepeatedNgramDetectorFlagsLoopsNotProse() {
        RepeatedNgramDetector words = PairBuilders.repeatedNgrams(3, 0.5, 4, RepeatedNgramDetector.Unit.WORDS);
        assertTrue(words.isDefective("the cat the cat the cat the cat"));
        assertEquals(4.0 / 6, words.repeatedShare("the cat the cat the cat the cat"), 1e-12);
        assertFalse(words.isDefective("Direct Nash Optimization trains a policy against its own samples."));
        assertFalse(words.isDefective("too short"));
        RepeatedNgramDetector chars = PairBuilders.repeatedNgrams(3, 0.5, 4, RepeatedNgramDetector.Unit.CHARACTERS);
        assertTrue(chars.isDefective("abcabcabcabc"));
        assertFalse(chars.isDefective("abcdefgh"));
    }

    @Test
    void namesDescribeTheThresholds() {
        assertTrue(PairBuilders.dno().name().startsWith("dno(positive>=5.0, margin>=2.0, student margin>=1.0"));
        assertTrue(PairBuilders.dnoRestrictive().name().startsWith("dnoRestrictive("));
        assertEquals(PairKind.STUDENT_OVER_TEACHER.label(), "S>T");
    }
}
