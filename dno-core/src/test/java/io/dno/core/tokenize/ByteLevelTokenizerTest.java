package io.dno.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteLevelTokenizerTest {
    private static final String TEXT = "héllo wörld 👋\n  tabs\tand  spaces 中文 e\u0301 <x> \u0000\u007f";

    @TempDir
    Path dir;

    @Test
    void everyUtf8ByteIsOneTokenAndDecodingRestoresTheText() {
        try (HfTokenizer t = HfTokenizer.load(ByteLevelTokenizer.write(dir, 512))) {
            int[] ids = t.encode(TEXT);
            assertArrayEquals(shiftedBytes(TEXT), ids);
            assertEquals(TEXT, t.decode(ids));
            assertEquals(259, t.vocabSize());
            assertEquals(0, t.padId());
            assertEquals(OptionalInt.of(1), t.bosId());
            assertEquals(OptionalInt.of(2), t.eosId());
            assertEquals("ab", t.decode(new int[] {1, 3 + 'a', 0, 3 + 'b', 2}), "special tokens are skipped");
        }
    }

    @Test
    void loadsWithDjlsHuggingFaceTokenizerDirectly() throws Exception {
        ByteLevelTokenizer.write(dir, 512);
        try (HuggingFaceTokenizer djl = HuggingFaceTokenizer.newInstance(dir.resolve(HfTokenizer.TOKENIZER_FILE),
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
            Encoding encoding = djl.encode(TEXT);
            long[] expected = java.util.Arrays.stream(shiftedBytes(TEXT)).asLongStream().toArray();
            assertArrayEquals(expected, encoding.getIds());
            assertEquals(TEXT, djl.decode(encoding.getIds()));
        }
    }

    @Test
    void vocabularyIsGpt2sByteAlphabet() {
        assertEquals("Ā", ByteLevelTokenizer.byteToken(0));
        assertEquals("Ċ", ByteLevelTokenizer.byteToken('\n'));
        assertEquals("Ġ", ByteLevelTokenizer.byteToken(' '));
        assertEquals("a", ByteLevelTokenizer.byteToken('a'));
        assertEquals("ġ", ByteLevelTokenizer.byteToken(0x7f));
        assertEquals("Ń", ByteLevelTokenizer.byteToken(0xad));
        assertEquals("ÿ", ByteLevelTokenizer.byteToken(0xff));
        assertEquals(256, java.util.stream.IntStream.range(0, 256).mapToObj(ByteLevelTokenizer::byteToken).distinct().count());
    }

    @Test
    void chatTemplateEndsTurnsWithTheEosToken() {
        try (HfTokenizer t = HfTokenizer.load(ByteLevelTokenizer.write(dir, 512))) {
            ChatTemplate template = t.chatTemplate().orElseThrow();
            String prompt = template.render(List.of(ChatMessage.user("hi"), ChatMessage.assistant("yo")), true);
            assertEquals("<|bos|><|user|>hi<|eos|><|assistant|>yo<|eos|><|assistant|>", prompt);
            int[] ids = t.encode(prompt);
            assertEquals(1, ids[0], "BOS is one token");
            assertEquals(List.of(2, 2), java.util.Arrays.stream(ids).filter(id -> id < 3).skip(1).boxed().toList(),
                    "each turn ends with the EOS id");
            assertEquals("<|user|>hi<|assistant|>yo<|assistant|>", t.decode(ids));
        }
    }

    /** UTF-8 bytes of {@code text} shifted by the three special ids. */
    static int[] shiftedBytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = ByteLevelTokenizer.FIRST_BYTE_ID + (bytes[i] & 0xff);
        }
        return ids;
    }
}
