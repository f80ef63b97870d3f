package io.dno.cli.nash;

import io.dno.annotators.pairwise.PairwisePreference;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.OptionalDouble;

/**
 * The preference oracle P(y ≻ y' | x) of the toy prompt set: the game is named by the prompt's first word, and the
 * two answers are compared as the game's outcomes (an answer that is not a move loses to every move).
 */
final class GamePreference implements PairwisePreference {

    @Override
    public OptionalDouble prefer(Prompt prompt, Response first, Response second) {
        Game game = NashPrompts.gameOf(prompt);
        return OptionalDouble.of(game.prefer(game.outcome(first.text()), game.outcome(second.text())));
    }
}
