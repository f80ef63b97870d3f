package io.dno.core.tokenize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any Unicode text (every code point but lone surrogates) encodes to its UTF-8 bytes and decodes back. */
class ByteLevelTokenizerProperties {
    private static Path dir;
    private static HfTokenizer tokenizer;

    @BeforeContainer
    static void write() throws IOException {
        dir = Files.createTempDirectory("byte-level");
        tokenizer = HfTokenizer.load(ByteLevelTokenizer.write(dir, 512));
    }

    @AfterContainer
    static void close() throws IOException {
        tokenizer.close();
        for (String name : new String[] {HfTokenizer.TOKENIZER_FILE, TokenizerConfig.FILE_NAME}) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.deleteIfExists(dir);
    }

    @Property(tries = 300)
    boolean roundTripsArbitraryText(@ForAll("texts") String text) {
        int[] ids = tokenizer.encode(text);
        return java.util.Arrays.equals(ByteLevelTokenizerTest.shiftedBytes(text), ids) && tokenizer.decode(ids).equals(text);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 0x7f)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0x7ff)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x800, 0xffff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)))
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
        return codePoints.list().ofMaxSize(40).map(list -> {
            StringBuilder sb = new StringBuilder();
            list.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }
}
