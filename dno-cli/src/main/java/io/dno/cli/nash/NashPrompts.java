package io.dno.cli.nash;

import io.dno.core.data.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The toy prompt set: {@code n} prompts per game, "rps 07" or "transitive 07", whose answers are one move token.
 * Prompts of a game differ only by their number, so the policy can (but need not) share what it learns among them.
 */
final class NashPrompts {
    private NashPrompts() {}

    static List<Prompt> of(int perGame) {
        List<Prompt> prompts = new ArrayList<>();
        for (Game game : Game.ALL) {
            for (int i = 0; i < perGame; i++) {
                String text = String.format(Locale.ROOT, "%s %02d", game.key(), i);
                prompts.add(Prompt.of(game.key() + "-" + i, text));
            }
        }
        return prompts;
    }

    /** The game a prompt of this set plays. */
    static Game gameOf(Prompt prompt) {
        for (Game game : Game.ALL) {
            if (prompt.text().startsWith(game.key() + " ")) {
                return game;
            }
        }
        throw new IllegalArgumentException("prompt '" + prompt.id() + "' names no game: its text must start with one of "
                + Game.ALL.stream().map(Game::key).toList());
    }

    /** Every character the prompts and answers use: the tokenizer's alphabet. */
    static List<String> alphabet() {
        StringBuilder all = new StringBuilder(" 0123456789");
        Game.ALL.forEach(g -> all.append(g.key()));
        Game.MOVES.forEach(all::append);
        return all.chars().distinct().mapToObj(c -> String.valueOf((char) c)).toList();
    }
}
