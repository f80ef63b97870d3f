package io.dno.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharTokenizerTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsUnicodeWithSpacesAndNewlines() {
        String text = "héllo wörld 👋\n  tabs\tand  spaces 中文 e\u0301 <x>";
        try (HfTokenizer t = HfTokenizer.load(CharTokenizer.write(dir, CharTokenizer.alphabetOf(text)))) {
            int[] ids = t.encode(text);
            assertEquals(text.codePointCount(0, text.length()), ids.length, "one token per code point");
            assertEquals(text, t.decode(ids));
            assertEquals(" ", t.decode(t.encode(" ")));
            assertEquals("  ", t.decode(t.encode("  ")));
        }
    }

    @Test
    void idsFollowTheDocumentedLayout() {
        try (HfTokenizer t = HfTokenizer.load(CharTokenizer.write(dir, List.of("a", "b", " ", "a")))) {
            assertArrayEquals(new int[] {7, 9, 8, 7, 7}, t.encode("a baa"));
            assertEquals(10, t.vocabSize());
            assertEquals(0, t.padId());
            assertEquals(OptionalInt.of(1), t.bosId());
            assertEquals(OptionalInt.of(2), t.eosId());
            assertArrayEquals(new int[] {7, 3, 8}, t.encode("azb"), "unknown characters become <unk>");
            assertEquals("ab", t.decode(new int[] {1, 7, 3, 8, 2, 0}), "special tokens are skipped");
        }
    }

    @Test
    void chatTemplateUsesSingleTokenRoleMarkers() {
        try (HfTokenizer t = HfTokenizer.load(CharTokenizer.write(dir, CharTokenizer.alphabetOf("hi yo")))) {
            ChatTemplate template = t.chatTemplate().orElseThrow();
            String prompt = template.render(List.of(ChatMessage.user("hi"), ChatMessage.assistant("yo"), ChatMessage.user("hi")), true);
            assertEquals("<s><|user|>hi</s><|assistant|>yo</s><|user|>hi</s><|assistant|>", prompt);
            int[] h = t.encode("h");
            int[] i = t.encode("i");
            int[] y = t.encode("y");
            int[] o = t.encode("o");
            assertArrayEquals(new int[] {1, 5, h[0], i[0], 2, 6, y[0], o[0], 2, 5, h[0], i[0], 2, 6}, t.encode(prompt));
            assertThrows(ChatTemplateException.class, () -> template.render(List.of(new ChatMessage("tool", "x")), false));
        }
    }

    @Test
    void rejectsEntriesThatAreNotOneCodePoint() {
        assertThrows(IllegalArgumentException.class, () -> CharTokenizer.write(dir, List.of("ab")));
        assertThrows(IllegalArgumentException.class, () -> CharTokenizer.write(dir, List.of("")));
        assertThrows(IllegalArgumentException.class, () -> CharTokenizer.write(dir, List.of()));
    }
}
