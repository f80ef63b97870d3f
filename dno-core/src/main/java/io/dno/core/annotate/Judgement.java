package io.dno.core.annotate;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import java.util.List;

/**
 * What an annotator made of one prompt's candidates: the ones it scored, and the ones it could not score
 * (counted in reports, never guessed).
 */
public record Judgement(Prompt prompt, List<Scored> scored, List<Response> unannotated) {

    public Judgement {
        checkArgument(prompt != null, "prompt must not be null");
        checkArgument(scored != null && unannotated != null, "scored and unannotated must not be null");
        scored = ImmutableList.copyOf(scored);
        unannotated = ImmutableList.copyOf(unannotated);
        for (Response r : unannotated) {
            checkArgument(r.promptId().equals(prompt.id()), "an unannotated response answers prompt '%s', not '%s'",
                    r.promptId(), prompt.id());
        }
    }

    /** A judgement in which every candidate was scored. */
    public static Judgement complete(Prompt prompt, List<Scored> scored) {
        return new Judgement(prompt, scored, List.of());
    }

    /** The scored candidates as a {@link ScoredPrompt} (validates that each answers the prompt). */
    public ScoredPrompt toScoredPrompt() {
        return new ScoredPrompt(prompt, scored);
    }
}
