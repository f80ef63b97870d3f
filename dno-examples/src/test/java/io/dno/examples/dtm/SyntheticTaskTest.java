package io.dno.examples.dtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticTaskTest {

    @Test
    void answersAreCorrectAndTokensRoundTrip() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            for (String family : SyntheticTask.FAMILIES) {
                SyntheticTask t = SyntheticTask.sample(family, random);
                String body = t.prompt().substring(0, t.prompt().length() - 1);
                String expected = switch (family) {
                    case "add" -> {
                        String[] ab = body.split("\\+");
                        yield Integer.toString(Integer.parseInt(ab[0]) + Integer.parseInt(ab[1]));
                    }
                    case "rev" -> new StringBuilder(body.substring(4)).reverse().toString();
                    case "sort" -> new String(body.substring(5).chars().sorted().toArray(), 0, body.length() - 5);
                    default -> body.substring(5);
                };
                assertEquals(expected, t.answer(), t.prompt());
                int[] response = DtmExperiment.responseIds(t.answer());
                assertEquals(2, response[response.length - 1], "ends with EOS");
                assertEquals(t.answer(), DtmExperiment.decode(java.util.Arrays.copyOf(response, response.length - 1)));
                assertEquals(1, DtmExperiment.promptIds(t.prompt())[0], "starts with BOS");
            }
        }
    }

    @Test
    void splitsAreDisjoint() {
        List<SyntheticTask> test = SyntheticTask.distinct(SyntheticTask.FAMILIES, 50, new SplittableRandom(0), Set.of());
        Set<String> used = new HashSet<>();
        test.forEach(t -> used.add(t.prompt()));
        assertEquals(200, used.size());
        List<SyntheticTask> train = SyntheticTask.distinct(List.of("rev"), 100, new SplittableRandom(1), used);
        assertTrue(train.stream().noneMatch(t -> used.contains(t.prompt())));
        assertThrows(IllegalArgumentException.class, () -> DtmExperiment.promptIds("ADD"));
    }
}
