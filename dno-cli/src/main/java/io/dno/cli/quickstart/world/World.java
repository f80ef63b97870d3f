package io.dno.cli.quickstart.world;

import io.dno.core.model.PromptFormat;
import io.dno.core.tokenize.CharTokenizer;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Constants of the world shared by the tokenizer, the student and the teacher. */
public final class World {
    private World() {}

    /** Ends the prompt the model sees, so it knows where the answer begins: {@code sort 5291=}. */
    public static final String ANSWER_MARK = "=";

    /** The model sees the prompt text followed by {@link #ANSWER_MARK}. */
    public static final PromptFormat PROMPT_FORMAT = text -> text + ANSWER_MARK;

    /** Every character a prompt, an answer or a form's words can contain, in a fixed order. */
    public static List<String> alphabet() {
        String keywords = Stream.of(TaskFamily.values()).map(TaskFamily::keyword).collect(Collectors.joining());
        return CharTokenizer.alphabetOf(" +" + ANSWER_MARK + "0123456789" + TaskFamily.LETTERS + keywords
                + Answer.PREAMBLE + Answer.SO);
    }
}
