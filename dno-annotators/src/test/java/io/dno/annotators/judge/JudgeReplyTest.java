package io.dno.annotators.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeReplyTest {
    private static final List<String> IDS = List.of("c1", "c2", "c3");
    private static final Scale SIX = new Scale(0, 6);

    @Test
    void findsTheObjectInsideFencesAndProse() {
        String reply = "Sure {not json}. Here:\n```json\n{\"scores\": [{\"id\": \"c1\", \"justification\": \"a {brace}\", "
                + "\"score\": 5}, {\"id\": \"c2\", \"score\": 0}, {\"id\": \" c3 \", \"justification\": \"ok\", \"score\": 6.0}]}"
                + "\n```\nDone.";
        JudgeReply r = JudgeReply.parse(reply, IDS, SIX);
        assertEquals(Map.of("c1", new Verdict(5, "a {brace}"), "c2", new Verdict(0, ""), "c3", new Verdict(6, "ok")),
                r.verdicts());
        assertEquals(0, r.missingIds() + r.unknownIds() + r.duplicateIds() + r.outOfRangeScores() + r.nonNumericScores());
    }

    @Test
    void strictAboutIdsAndRanges() {
        String reply = "{\"scores\": [{\"id\": \"c1\", \"score\": 3}, {\"id\": \"c1\", \"score\": 3}, "
                + "{\"id\": \"c2\", \"score\": -1}, {\"id\": \"C3\", \"score\": 2}, {\"score\": 4}, \"c3\", "
                + "{\"id\": \"c3\", \"score\": null}]}";
        JudgeReply r = JudgeReply.parse(reply, IDS, SIX);
        assertEquals(Map.of(), r.verdicts());
        assertEquals(1, r.duplicateIds());
        assertEquals(1, r.outOfRangeScores());
        assertEquals(3, r.unknownIds(), "C3 (ids are case-sensitive), no id, a bare string");
        assertEquals(1, r.nonNumericScores());
        assertEquals(0, r.missingIds());
    }

    @Test
    void partialOrMissingJsonIsUnparseable() {
        for (String reply : List.of("", "no json here", "{\"scores\": [{\"id\": \"c1\", \"score\": 5}", "[1, 2]",
                "{\"score\": 5}")) {
            JudgeReply r = JudgeReply.parse(reply, IDS, SIX);
            assertTrue(r.unparseable(), reply);
            assertEquals(3, r.missingIds());
            assertEquals(Map.of(), r.verdicts());
        }
    }
}
