package io.dno.cli.quickstart.world;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Prompt;

/**
 * One instruction of the world and its single correct answer.
 *
 * @param family the task family
 * @param input  the family's input, e.g. {@code 37+45}
 * @param gold   the correct answer, e.g. {@code 82}
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
                + "'; expected e.g. 'add 37+45', 'rev abcd', 'sort 5291' or 'count c abcac'");
    }
}
