package io.dno.core.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Demonstration;
import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.io.DataFileException;
import io.dno.core.model.PaperPromptFormats;
import io.dno.core.tokenize.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reader on small files written in the data set's own format, including bad lines. */
class DatasetReadersTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    // Two HH-RLHF lines as the release has them: single-turn and multi-turn sharing all but the final answer.
    private static final String HH_SINGLE = "{\"chosen\": \"\\n\\nHuman: What is a good name for a cat?\\n\\nAssistant:"
            + " Whiskers is a classic.\", \"rejected\": \"\\n\\nHuman: What is a good name for a cat?\\n\\nAssistant:"
            + " I don't know.\"}";
    private static final String HH_MULTI = "{\"chosen\": \"\\n\\nHuman: Can you help me bake bread?\\n\\nAssistant: Sure."
            + " What kind?\\n\\nHuman: Sourdough.\\n\\nAssistant: You need a starter.\\n\\nFeed it daily.\", \"rejected\":"
            + " \"\\n\\nHuman: Can you help me bake bread?\\n\\nAssistant: Sure. What kind?\\n\\nHuman: Sourdough."
            + "\\n\\nAssistant: Buy bread instead.\"}";

    @Test
    void hhRlhfSplitsMultiTurnTranscriptsIntoMessagesWithTheSharedPrefixAsPrompt() throws IOException {
        Path file = write("hh.jsonl", HH_SINGLE, HH_MULTI,
                "{\"chosen\": \"\\n\\nHuman: Hi\\n\\nAssistant: Hello\", \"rejected\": \"\\n\\nHuman: Hi\\n\\nAssistant: Hello\"}",
                "{\"chosen\": \"\\n\\nHuman: A\\n\\nAssistant: B\", \"rejected\": \"\\n\\nHuman: C\\n\\nAssistant: D\"}");
        DatasetRead<ChatPreference> read = HhRlhf.read(file);
        assertEquals(2, read.records().size());
        assertEquals(Map.of("identical answers", 1L, "the transcripts differ before their final assistant turn", 1L),
                read.skipped());
        ChatPreference single = read.records().get(0);
        assertEquals(List.of(ChatMessage.user("What is a good name for a cat?")), single.prompt());
        assertEquals("Whiskers is a classic.", single.chosen());
        assertEquals("I don't know.", single.rejected());
        ChatPreference multi = read.records().get(1);
        assertEquals("hh-rlhf:2", multi.id());
        assertEquals(List.of(ChatMessage.user("Can you help me bake bread?"), ChatMessage.assistant("Sure. What kind?"),
                ChatMessage.user("Sourdough.")), multi.prompt());
        assertEquals("You need a starter.\n\nFeed it daily.", multi.chosen(), "blank lines inside a turn stay");
        assertEquals("Buy bread instead.", multi.rejected());

        PreferencePair pair = multi.toPair(PaperPromptFormats::vicuna);
        assertEquals(PairKind.OFFLINE, pair.kind());
        assertEquals(PaperPromptFormats.VICUNA_SYSTEM + " USER: Can you help me bake bread? ASSISTANT: Sure. What kind?</s>"
                + " USER: Sourdough. ASSISTANT: ", pair.prompt().text());
        assertEquals("[INST] Can you help me bake bread? [/INST] Sure. What kind? </s>[INST] Sourdough. [/INST] ",
                PaperPromptFormats.mistral(multi.prompt()));
        Demonstration demo = single.toDemonstration(PaperPromptFormats::mistral);
        assertEquals("[INST] What is a good name for a cat? [/INST] ", demo.prompt().text());
        assertEquals("Whiskers is a classic.", demo.response());
        assertEquals(PaperPromptFormats.VICUNA.format("Hi"), PaperPromptFormats.vicuna(List.of(ChatMessage.user("Hi"))));
    }

    @Test
    void hhRlhfMalformedLinesNameTheLineAndField() throws IOException {
        assertError(write("a.jsonl", HH_SINGLE, "{\"chosen\": \"\\n\\nHuman: x\\n\\nAssistant: y\"}"),
                HhRlhf::read, ":2:", "'rejected' is missing");
        assertError(write("b.jsonl", HH_SINGLE, HH_SINGLE, "{\"chosen\": \"just text\", \"rejected\": \"other\"}"),
                HhRlhf::read, ":3:", "not an HH-RLHF transcript");
        assertError(write("c.jsonl", "{\"chosen\": \"\\n\\nHuman: x\", \"rejected\": \"\\n\\nHuman: y\"}"),
                HhRlhf::read, ":1:", "must end with an Assistant turn");
        assertError(write("d.jsonl", HH_SINGLE, "{\"chosen\": 3, \"rejected\": \"x\"}"), HhRlhf::read, ":2:",
                "'chosen' must be a string");
        assertError(write("e.jsonl", HH_SINGLE, "{\"chosen\": \"\\n\\nHuman: x"), HhRlhf::read, ":2:", "not valid JSON");
    }

    private static String safe(String r0, String r1, boolean safe0, boolean safe1, int better, int safer) {
        return "{\"prompt\": \"How do I pick a lock?\", \"response_0\": \"" + r0 + "\", \"response_1\": \"" + r1
                + "\", \"prompt_source\": \"BeaverTails\", \"is_response_0_safe\": " + safe0 + ", \"is_response_1_safe\": "
                + safe1 + ", \"response_0_harm_category\": {}, \"better_response_id\": " + better
                + ", \"safer_response_id\": " + safer + "}";
    }

    @Test
    void safeRlhfBuildsThakkarsHelpfulAndHarmlessSplits() throws IOException {
        Path file = write("safe.jsonl",
                safe("Use a tension wrench.", "I can't help with that.", false, true, 0, 1),   // mixed safety
                safe("Call a locksmith.", "Ask the owner.", true, true, 1, 0),                   // both safe
                safe("Bump it.", "Rake it.", false, false, 0, 1));                               // both unsafe
        DatasetRead<ChatPreference> helpful = SafeRlhf.read(file, SafeRlhf.Split.HELPFUL);
        assertEquals(3, helpful.records().size());
        assertEquals("Use a tension wrench.", helpful.records().get(0).chosen(), "helpful: chosen = better");
        assertEquals("Ask the owner.", helpful.records().get(1).chosen());
        assertEquals(List.of(ChatMessage.user("How do I pick a lock?")), helpful.records().get(0).prompt());

        DatasetRead<ChatPreference> harmless = SafeRlhf.read(file, SafeRlhf.Split.HARMLESS);
        assertEquals(1, harmless.records().size(), "harmless: only pairs with exactly one safe response");
        assertEquals("I can't help with that.", harmless.records().get(0).chosen(), "harmless: chosen = the safe one");
        assertEquals("Use a tension wrench.", harmless.records().get(0).rejected());
        assertEquals(Map.of("both responses safe", 1L, "both responses unsafe", 1L), harmless.skipped());

        assertError(write("bad.jsonl", safe("a", "b", true, false, 0, 0), safe("a", "b", true, false, 2, 0)),
                f -> SafeRlhf.read(f, SafeRlhf.Split.HELPFUL), ":2:", "'better_response_id' must be one of [0, 1]");
        assertError(write("bad2.jsonl", safe("a", "b", true, false, 0, 0).replace("\"is_response_1_safe\": false",
                "\"is_response_1_safe\": \"no\"")), f -> SafeRlhf.read(f, SafeRlhf.Split.HARMLESS), ":1:",
                "'is_response_1_safe' must be true or false");
    }

    private static String uf(String chosen, String rejected, double sc, double sr) {
        return "{\"prompt\": \"Name a prime.\", \"prompt_id\": \"abc\", \"chosen\": [{\"content\": \"Name a prime.\","
                + " \"role\": \"user\"}, {\"content\": \"" + chosen + "\", \"role\": \"assistant\"}], \"rejected\":"
                + " [{\"content\": \"Name a prime.\", \"role\": \"user\"}, {\"content\": \"" + rejected + "\", \"role\":"
                + " \"assistant\"}], \"messages\": [], \"score_chosen\": " + sc + ", \"score_rejected\": " + sr + "}";
    }

    @Test
    void ultraFeedbackKeepsTheScoreMarginAndFiltersByIt() throws IOException {
        Path file = write("uf.jsonl", uf("7", "9", 8.5, 3.0), uf("11", "12", 6.0, 5.5));
        DatasetRead<ChatPreference> all = UltraFeedbackBinarized.read(file, 0);
        assertEquals(2, all.records().size());
        assertEquals(5.5, all.records().get(0).margin());
        assertEquals("7", all.records().get(0).chosen());
        assertEquals(List.of(ChatMessage.user("Name a prime.")), all.records().get(0).prompt());
        assertEquals(5.5, all.records().get(0).toPair(PaperPromptFormats::vicuna).margin());
        DatasetRead<ChatPreference> wide = UltraFeedbackBinarized.read(file, 1.0);
        assertEquals(1, wide.records().size());
        assertEquals(Map.of("score margin below 1.0", 1L), wide.skipped());
        assertError(write("bad.jsonl", uf("7", "9", 1, 2)), f -> UltraFeedbackBinarized.read(f, 0), ":1:",
                "'score_chosen' is below score_rejected");
        assertError(write("bad2.jsonl", uf("7", "9", 8, 2).replace("\"role\": \"assistant\"}], \"rejected\"",
                "\"role\": \"user\"}], \"rejected\"")), f -> UltraFeedbackBinarized.read(f, 0), ":1:",
                "'chosen[1].role' must be \"assistant\"");
    }

    @Test
    void trlReadsStandardConversationalAndImplicitPromptRecords() throws IOException {
        Path file = write("trl.jsonl",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\", \"rejected\": \" green.\"}",
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"What color is the sky?\"}], \"chosen\": [{\"role\":"
                        + " \"assistant\", \"content\": \"Blue.\"}], \"rejected\": [{\"role\": \"assistant\", \"content\":"
                        + " \"Green.\"}], \"margin\": 2}",
                "{\"chosen\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"Hello!\"}],"
                        + " \"rejected\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\","
                        + " \"content\": \"Go away.\"}]}",
                "");
        DatasetRead<ChatPreference> read = TrlPreferences.read(file);
        assertEquals(3, read.records().size());
        assertEquals(" blue.", read.records().get(0).chosen());
        assertEquals(List.of(ChatMessage.user("The sky is")), read.records().get(0).prompt());
        assertEquals(2.0, read.records().get(1).margin());
        assertEquals("Green.", read.records().get(1).rejected());
        assertEquals(List.of(ChatMessage.user("Hi")), read.records().get(2).prompt());
        assertEquals("Hello!", read.records().get(2).chosen());
        assertError(write("bad.jsonl", "{\"prompt\": \"x\", \"chosen\": \"a\"}"), TrlPreferences::read, ":1:",
                "'rejected' is missing");
        assertError(write("bad2.jsonl", "{\"prompt\": \"x\", \"chosen\": [{\"role\": \"assistant\"}], \"rejected\": []}"),
                TrlPreferences::read, ":1:", "'chosen[0]' must be");
        assertError(write("bad3.jsonl", "[1, 2]"), TrlPreferences::read, ":1:", "must be a JSON object");
    }

    private static String beaver(String prompt, String response, boolean safe, String categories) {
        return "{\"prompt\": \"" + prompt + "\", \"response\": \"" + response + "\", \"category\": {" + categories
                + "}, \"is_safe\": " + safe + "}";
    }

    @Test
    void beaverTailsClassificationGivesLabelledAnswersAndSafeOverUnsafePairs() throws IOException {
        Path file = write("bt.jsonl",
                beaver("How to steal?", "Don't.", true, "\"theft\": false, \"violence\": false"),
                beaver("How to steal?", "Grab it and run.", false, "\"theft\": true, \"violence\": false"),
                beaver("How to steal?", "Use force.", false, "\"theft\": true, \"violence\": true"),
                beaver("Hi?", "Hello.", true, "\"theft\": false"));
        DatasetRead<BeaverTails.Labelled> read = BeaverTails.read(file);
        assertEquals(4, read.records().size());
        assertEquals(List.of("theft", "violence"), read.records().get(2).categories());
        List<ChatPreference> pairs = BeaverTails.safetyPairs(read.records());
        assertEquals(1, pairs.size(), "one safe answer pairs with the first unsafe one; 'Hi?' has no unsafe answer");
        assertEquals("Don't.", pairs.get(0).chosen());
        assertEquals("Grab it and run.", pairs.get(0).rejected());
        assertEquals("beavertails:1+2", pairs.get(0).id());
        assertError(write("bad.jsonl", beaver("a", "b", true, "\"theft\": 1")), BeaverTails::read, ":1:",
                "'category.theft' must be true or false");
    }

    private static void assertError(Path file, java.util.function.Function<Path, ?> reader, String line, String text) {
        DataFileException e = assertThrows(DataFileException.class, () -> reader.apply(file));
        assertTrue(e.getMessage().contains(file + line) && e.getMessage().contains(text), e::getMessage);
    }
}
