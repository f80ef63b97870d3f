package io.dno.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.io.DataFileException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
    @TempDir
    Path dir;

    private static Path wordLevel() throws URISyntaxException {
        return Path.of(HfTokenizerTest.class.getResource("/tokenizers/wordlevel/tokenizer.json").toURI()).getParent();
    }

    @Test
    void longTextsAreNotTruncated() {
        String text = String.join("", Collections.nCopies(1000, "abcd "));
        try (HfTokenizer t = HfTokenizer.load(CharTokenizer.write(dir, CharTokenizer.alphabetOf(text)))) {
            int[] ids = t.encode(text);
            assertEquals(5000, ids.length, "DJL's default would truncate to 512");
            assertEquals(text, t.decode(ids));
        }
    }

    @Test
    void longTextsWithAModelMaxLengthAreNotTruncated() throws URISyntaxException {
        String text = String.join(" ", Collections.nCopies(2500, "hello world"));
        try (HfTokenizer t = HfTokenizer.load(wordLevel())) {
            assertEquals(5000, t.encode(text).length, "tokenizer_config.json says model_max_length 512");
        }
    }

    @Test
    void encodeAddsNoSpecialTokensDespiteThePostProcessor() throws URISyntaxException {
        try (HfTokenizer t = HfTokenizer.load(wordLevel().resolve(HfTokenizer.TOKENIZER_FILE))) {
            assertArrayEquals(new int[] {3, 5, 4, 0}, t.encode("Hello, WORLD dog"));
            assertEquals("hello , world", t.decode(new int[] {1, 3, 5, 4, 12}));
        }
    }

    @Test
    void specialTokensComeFromTheConfigInEitherForm() throws URISyntaxException {
        try (HfTokenizer t = HfTokenizer.load(wordLevel())) {
            assertEquals(13, t.vocabSize(), "largest id is the added token 12");
            assertEquals(OptionalInt.of(1), t.bosId());
            assertEquals(OptionalInt.of(12), t.eosId(), "eos given as an AddedToken object");
            assertEquals(12, t.padId(), "no pad_token: EOS pads");
            assertEquals(OptionalInt.of(7), t.tokenId("cat"));
            assertEquals("a<|eot|>b<|eot|>", t.chatTemplate().orElseThrow()
                    .render(List.of(ChatMessage.user("a"), ChatMessage.assistant("b")), false), "the \"default\" template");
        }
    }

    @Test
    void unigramVocabularyIsAList() throws IOException {
        Files.writeString(dir.resolve(HfTokenizer.TOKENIZER_FILE), "{\"version\": \"1.0\", \"added_tokens\": [],"
                + " \"model\": {\"type\": \"Unigram\", \"unk_id\": 0, \"vocab\": [[\"<unk>\", 0.0], [\"a\", -2.0],"
                + " [\"b\", -2.0], [\"ab\", -1.0]]}}");
        try (HfTokenizer t = HfTokenizer.load(dir)) {
            assertEquals(4, t.vocabSize());
            assertArrayEquals(new int[] {3, 1}, t.encode("aba"));
            assertEquals(0, t.padId(), "no pad, eos or unk token: id 0 pads");
            assertTrue(t.eosId().isEmpty());
        }
    }

    /** Issue 21: a mistyped model directory used to be reported as "no tokenizer file". */
    @Test
    void aMissingDirectoryIsReportedAsMissingBeforeAnyFileInIt() throws IOException {
        Path typo = dir.resolve("modle");
        DataFileException missing = assertThrows(DataFileException.class, () -> HfTokenizer.load(typo));
        assertEquals(typo + ": does not exist; give a model directory with tokenizer.json (a Hugging Face fast "
                + "tokenizer) or the tokenizer.json file itself", missing.getMessage());

        Path project = Files.createDirectories(dir.resolve("project"));
        DataFileException notAModel = assertThrows(DataFileException.class, () -> HfTokenizer.load(project));
        assertTrue(notAModel.getMessage().startsWith(project + ": is not a model directory: it has neither config.json "
                + "nor tokenizer.json"), notAModel.getMessage());

        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{}");
        DataFileException noTokenizer = assertThrows(DataFileException.class, () -> HfTokenizer.load(model));
        assertTrue(noTokenizer.getMessage().startsWith(model + ": has no tokenizer.json: copy tokenizer.json and "
                + "tokenizer_config.json"), noTokenizer.getMessage());
    }

    @Test
    void decodeRejectsIdsOutsideTheVocabulary() throws URISyntaxException {
        try (HfTokenizer t = HfTokenizer.load(wordLevel())) {
            assertThrows(IllegalArgumentException.class, () -> t.decode(new int[] {3, 13}));
            assertThrows(IllegalArgumentException.class, () -> t.decode(new int[] {-1}));
        }
    }

    @Test
    void inconsistentOrMissingFilesAreDataFileErrors() throws IOException, URISyntaxException {
        DataFileException missing = assertThrows(DataFileException.class, () -> HfTokenizer.load(dir));
        assertTrue(missing.getMessage().contains("tokenizer.json"), missing.getMessage());

        Files.copy(wordLevel().resolve(HfTokenizer.TOKENIZER_FILE), dir.resolve(HfTokenizer.TOKENIZER_FILE));
        Files.writeString(dir.resolve(TokenizerConfig.FILE_NAME), "{\"eos_token\": \"<|endoftext|>\"}");
        DataFileException unknown = assertThrows(DataFileException.class, () -> HfTokenizer.load(dir));
        assertTrue(unknown.getMessage().contains("eos_token '<|endoftext|>' is not in the vocabulary"), unknown.getMessage());

        Files.writeString(dir.resolve(TokenizerConfig.FILE_NAME), "{\"eos_token\": 7}");
        assertThrows(DataFileException.class, () -> HfTokenizer.load(dir));

        Files.writeString(dir.resolve(TokenizerConfig.FILE_NAME), "{}");
        Files.writeString(dir.resolve(HfTokenizer.TOKENIZER_FILE), "{\"model\": {\"type\": \"WordLevel\", \"vocab\": {\"a\": 0},"
                + " \"unk_token\": \"zzz\"}, \"added_tokens\": [], \"pre_tokenizer\": {\"type\": \"NoSuchThing\"}}");
        DataFileException broken = assertThrows(DataFileException.class, () -> HfTokenizer.load(dir));
        assertTrue(broken.getMessage().contains("cannot load"), broken.getMessage());
    }
}
