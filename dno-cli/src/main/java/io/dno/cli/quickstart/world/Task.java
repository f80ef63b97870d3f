package io.dno.cli.quickstart.world;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Prompt;

/**
 * One instruction of the world and its single correct answer.
 *
 * @param family the task family
 * @param input  the family's input, e.g. {@code 5291}
 * @param gold   the correct answer, e.g. {@code 1259}
 */
public record Task(TaskFamily family, String input, String gold) {

    public Task {
        checkArgument(family != null && input != null && gold != null, "family, input and gold are required");
        checkArgument(family.valid(input), "'%s' is not a valid input of the %s family", input, family);
        checkArgument(gold.equals(family.solve(input)), "'%s' is not the answer to '%s %s'", gold, family.keyword(),
                input);
    }

    /** The prompt text, {@code "<keyword> <input>"}. */
    public String text() {
        return family.keyword() + " " + input;
    }

    /** Whether the input is in the class on which the teacher has its blind spot ({@link TaskFamily}). */
    public boolean inBlindClass() {
        return family.inBlindClass(input);
    }

    /** The teacher's characteristic wrong answer to this task; only defined in the blind class. */
    public String blindMistake() {
        checkArgument(inBlindClass(), "'%s' is not in the blind class of %s", text(), family);
        return family.blindMistake(input);
    }

    /** The task a prompt of the world asks; fails naming the prompt when it is not one. */
    public static Task of(Prompt prompt) {
        return parse(prompt.id(), prompt.text());
    }

    /** The task {@code text} asks; {@code id} names the prompt in the error when it is not a task of this world. */
    public static Task parse(String id, String text) {
        int space = text.indexOf(' ');
        if (space > 0) {
            String keyword = text.substring(0, space);
            String input = text.substring(space + 1);
            for (TaskFamily family : TaskFamily.values()) {
                if (family.keyword().equals(keyword) && family.valid(input)) {
                    return new Task(family, input, family.solve(input));
                }
            }
        }
        throw new IllegalArgumentException("prompt '" + id + "' is not a task of the quickstart world: '" + text
                + "'; expected e.g. 'next abci', 'sort 5291' or 'max 3825'");
    }
}
