package io.dno.serve;

import io.dno.core.seed.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The checks between a parsed request and a {@link Job}: token ids, context room, row counts and seeds. */
final class Admission {
    private Admission() {}

    /** Ids must be in the model's vocabulary; an empty prompt has nothing to condition on. */
    static void checkIds(ServedModel model, int[] ids, String param) {
        if (ids.length == 0) {
            throw ApiError.invalid(param, "the prompt has no tokens: give some text or ids (the tokenizer adds no BOS)");
        }
        int vocab = model.model().config().vocabSize();
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw ApiError.invalid(param, "token id " + id + " is outside the model's vocabulary [0, " + vocab + ")");
            }
        }
    }

    /** A 413 when prompt + completion does not fit the model's context. */
    static void checkContext(ServedModel model, int promptTokens, int maxTokens, String param) {
        long need = (long) promptTokens + maxTokens;
        if (need > model.contextLength()) {
            throw new ApiError(413, "invalid_request_error", param, "context_length_exceeded", "this model's context is "
                    + model.contextLength() + " tokens, but the request needs " + need + " (" + promptTokens
                    + " in the prompt, " + maxTokens + " to generate); shorten the prompt or lower max_tokens");
        }
    }

    static void checkRows(ServeSettings settings, int prompts, int n) {
        if ((long) prompts * n > settings.maxRows()) {
            throw ApiError.invalid("n", "prompts x n = " + prompts + " x " + n + " exceeds this server's limit of "
                    + settings.maxRows() + " sequences per request");
        }
    }

    /** One row per (prompt, choice); with a request seed the rows sample the same in any batch. */
    static List<Row> rows(List<int[]> prompts, int n, Optional<Long> seed) {
        long base = seed.orElseGet(() -> ThreadLocalRandom.current().nextLong());
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            for (int c = 0; c < n; c++) {
                rows.add(new Row(prompts.get(p), Seeds.mix(base, p, c)));
            }
        }
        return rows;
    }
}
